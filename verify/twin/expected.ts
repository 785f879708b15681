/**
 * The matrix the twin must measure: what the synthesized JSON states, as read by the
 * project's other independent judge (lib/analysis/reachability.ts reads the same JSON,
 * never the planner). The on-premises sites come from the JSON and the generated office
 * configs (offices: customer gateway IP and the connection's remote subnets; IDCs: the
 * VBR's VLAN and peer IP, and the VPC routes towards it), never from config/.
 *
 * Two judges, one model and one of packets, built apart: where they disagree, one of them
 * is wrong, and the twin names the pair and the hop.
 */
import { checkReachability, INTERNET_NETWORK, SiteEndpoint } from "../../lib/analysis/reachability";
import { StackJson } from "../../lib/tfjson";
import { idcPrefixes, TwinManifest } from "./plan";

export interface ExpectedMatrix {
  readonly networks: readonly string[];
  /** `from->to` pairs whose round trip (request and reply) should be delivered. */
  readonly delivered: ReadonlySet<string>;
  /** Why the model says a pair is not delivered. */
  readonly reasons: ReadonlyMap<string, string>;
}

export function sitesFromJson(stack: StackJson, manifest: TwinManifest): { offices: SiteEndpoint[]; idcs: SiteEndpoint[] } {
  const res = stack.resource ?? {};
  const connections = Object.values(res.alicloud_vpn_connection ?? {}).map((c) => String(c.vpn_connection_name));
  const offices = manifest.offices
    .filter((o) => connections.includes(o.connection))
    .map((o) => ({ name: o.office, cidrs: o.localSubnets, publicIp: o.officeIp }));
  const idcs = Object.entries(res.alicloud_express_connect_virtual_border_router ?? {})
    .map(([k, v]) => ({
      name: String(v.virtual_border_router_name ?? k),
      cidrs: idcPrefixes(res, k),
      vbr: { vlanId: Number(v.vlan_id), peerGatewayIp: String(v.peer_gateway_ip) },
    }))
    .filter((d) => d.cidrs.length > 0);
  return { offices, idcs };
}

export function expectedMatrix(stack: StackJson, manifest: TwinManifest): ExpectedMatrix {
  const report = checkReachability(stack, sitesFromJson(stack, manifest));
  const networks = [...new Set(report.results.flatMap((r) => [r.from, r.to]))].sort();
  const reasons = new Map(
    report.results
      .filter((r) => r.status !== "delivered")
      .map((r) => [`${r.from}->${r.to}`, `${r.status}: ${r.reason ?? ""} via ${r.hops.join(" > ")}`]),
  );
  // The model walks one packet one way; a ping or a TCP handshake needs the reply too.
  // Towards the internet the reply comes back through the NAT gateway's connection
  // tracking (SNAT), not through a route of its own, so there the outbound leg decides.
  const delivered = new Set<string>();
  for (const key of report.delivered) {
    const [from, to] = key.split("->") as [string, string];
    const back = `${to}->${from}`;
    if (to === INTERNET_NETWORK || report.delivered.has(back)) delivered.add(key);
    else reasons.set(key, `the reply cannot return: ${reasons.get(back) ?? "model"}`);
  }
  return { networks, delivered, reasons };
}
