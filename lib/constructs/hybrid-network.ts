import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { DataAlicloudAccount } from "../../.gen/providers/alicloud/data-alicloud-account";
import { VpnCustomerGateway } from "../../.gen/providers/alicloud/vpn-customer-gateway";
import { assertNever } from "../private/assert-never";
import { lineKey, pascal } from "../private/naming";
import {
  assertValidTopology,
  cidr,
  emittedRoutes,
  INTERNET,
  isDocumentationIpv4,
  mergeSiblings,
  NextHop,
  PeeringLinkSpec,
  PlannedRoute,
  plannedRoutes,
  quotaAdvice,
  QUOTAS,
  routeQuotaIssues,
  RoutePlan,
  RouterInterfaceLinkSpec,
  RouteTablePlan,
  SharedNatSpec,
  Topology,
  TopologyError,
  TrAttachment,
  TransitRouterLinkSpec,
  attachmentZones,
  cenAccount,
  peerPairs,
  transitRouters,
  VbrLinkSpec,
  vbrTableName,
  VpcSpec,
  VpnLinkSpec,
  IdcSpec,
  IdcLineSpec,
  idcVpnBackups,
  idcVpnLinkName,
} from "../topology";
import { BgpPeering } from "./bgp-peering";
import { Interconnect, InterconnectKind } from "./interconnect";
import { ILeasedLine, LeasedLine } from "./leased-line";
import { NetworkSecurityGroup } from "./network-security-group";
import { OfficeSite } from "./office-site";
import { ProviderMatrix } from "./providers";
import { RouterInterfacePair, RouterType } from "./router-interface-pair";
import { RouteTableEntries, RouteTarget } from "./route-table-entries";
import { SharedNatGateway } from "./shared-nat-gateway";
import {
  ITransitRouterAttachment,
  TransitRouterNetwork,
  TransitRouterPeerAttachment,
  TransitRouterRoutes,
  TransitRouterVbrAttachment,
  TransitRouterVpcAttachment,
} from "./transit-router";
import { VpcNetwork } from "./vpc-network";
import { VirtualBorderRouter } from "./virtual-border-router";
import { VpnGateway } from "./vpn-gateway";

/** A TR attachment's key in {@link HybridNetwork.trAttachments}: `vpc:<name>`, `vbr:<idc>` (`vbr:<idc>/<line>`), `peer:<region>|<region>`. */
function attachmentKey(a: TrAttachment): string {
  switch (a.kind) {
    case "vpc":
      return `vpc:${a.vpc}`;
    case "vbr":
      return `vbr:${vbrTableName(a.idc, a.line)}`;
    case "peer":
      return `peer:${a.regions[0]}|${a.regions[1]}`;
    default:
      return assertNever(a, "attachment kind");
  }
}

/** Route entry name (2–128 characters): the network, or the first of a summary. */
function routeName(r: PlannedRoute): string {
  const n = r.networks.length > 1 ? `to-${r.networks[0]}-and-${r.networks.length - 1}-more` : `to-${r.network}`;
  return n.slice(0, 128);
}

export interface HybridNetworkProps {
  /** A topology; it is validated here, so bad input fails before anything is emitted. */
  readonly topology: Topology;
  readonly providers: ProviderMatrix;
}

/**
 * Everything a topology describes: VPCs, links, NAT, security groups, and every route
 * table's entries as `planRoutes` derives them. Nobody types a route by hand.
 *
 * ```ts
 * const providers = new ProviderMatrix(this, "Providers", { topology });
 * const net = new HybridNetwork(this, "Network", { topology, providers });
 * ```
 */
export class HybridNetwork extends Construct {
  readonly topology: Topology;
  readonly plan: RoutePlan;
  readonly vpcs = new Map<string, VpcNetwork>();
  /** VPC-to-VPC links (peering and router-interface links), by link name. */
  readonly interconnects = new Map<string, Interconnect>();
  /** VBR-to-VPC router-interface pairs, by link name. */
  readonly routerInterfacePairs = new Map<string, RouterInterfacePair>();
  readonly sharedNats = new Map<string, SharedNatGateway>();
  readonly securityGroups = new Map<string, NetworkSecurityGroup>();
  readonly routeTables = new Map<string, RouteTableEntries>();
  readonly vpnGateways = new Map<string, VpnGateway>();
  readonly offices = new Map<string, OfficeSite>();
  /** One customer gateway per office device, by {@link deviceKey}: the links of a device share it. */
  readonly customerGateways = new Map<string, VpnCustomerGateway>();
  /** A data center's IPsec connection backing its leased line, by IDC name. */
  readonly idcVpns = new Map<string, OfficeSite>();
  readonly leasedLines = new Map<string, ILeasedLine>();
  readonly vbrs = new Map<string, VirtualBorderRouter>();
  readonly bgp = new Map<string, BgpPeering>();
  /** The transit-router link's CEN instance and TRs, by link name (at most one). */
  readonly transitRouterNetworks = new Map<string, TransitRouterNetwork>();
  /** TR attachments by {@link attachmentKey}. */
  readonly trAttachments = new Map<string, ITransitRouterAttachment>();
  /** Static routes of each TR table, by the TR's region. */
  readonly trRoutes = new Map<string, TransitRouterRoutes>();
  private readonly accountUids = new Map<string, string>();
  private readonly providers: ProviderMatrix;
  private readonly tags: Readonly<Record<string, string>>;
  private readonly idcScopes = new Map<string, Construct>();

  constructor(scope: Construct, id: string, props: HybridNetworkProps) {
    super(scope, id);
    assertValidTopology(props.topology);
    this.topology = props.topology;
    this.providers = props.providers;
    this.tags = props.topology.tags ?? {};
    this.plan = plannedRoutes(props.topology); // the plan validation made, not a second one
    const overQuota = routeQuotaIssues(props.topology, this.plan);
    if (overQuota.length > 0) throw new TopologyError(props.topology.name, overQuota);

    // Phases in dependency order; each creates one kind of thing. The order is part of
    // the synthesized output (resources appear in creation order), so keep it.
    this.addVpcs();
    this.addVpnGateways();
    this.addIdcs();
    this.addLinks();
    this.addIdcVpnBackups();
    this.addRouteTables();
    this.addBgp();
    this.addSecurityGroups();
  }

  private addVpcs(): void {
    const scope = new Construct(this, "Vpcs");
    for (const v of this.topology.vpcs) {
      this.vpcs.set(
        v.name,
        new VpcNetwork(scope, pascal(v.name), {
          name: v.name,
          region: v.region,
          cidrBlock: v.cidr,
          vswitches: v.vswitches,
          provider: this.providers.forNetwork(v.account, v.region),
          commonTags: this.tags,
          tags: v.tags,
          flowLog: v.flowLog,
        }),
      );
    }
  }

  private addVpnGateways(): void {
    const scope = new Construct(this, "VpnGateways");
    for (const v of this.topology.vpcs) {
      const g = v.vpnGateway;
      if (!g) continue;
      this.vpnGateways.set(
        v.name,
        new VpnGateway(scope, pascal(v.name), {
          name: `${v.name}-vpn`,
          vpc: this.vpc(v.name),
          bandwidth: g.bandwidth,
          vswitch: g.vswitch,
          disasterRecoveryVswitch: g.disasterRecoveryVswitch,
          paymentType: g.paymentType,
          commonTags: this.tags,
        }),
      );
    }
  }

  /**
   * Per IDC: its leased line (installed or ordered) and the VBR on it; each further line
   * likewise under `Lines/<line>`, its VBR named `<idc>-<line>`.
   */
  private addIdcs(): void {
    const idcs = new Construct(this, "Idcs");
    for (const d of this.topology.idcs ?? []) {
      const scope = new Construct(idcs, pascal(d.name));
      this.addLine(scope, d, d.name, d);
      if (!d.additionalLines?.length) continue;
      const lines = new Construct(scope, "Lines");
      for (const l of d.additionalLines) this.addLine(new Construct(lines, pascal(l.name)), d, l.name, l);
    }
  }

  /** One line of an IDC in `scope`: its leased line and VBR, by {@link vbrTableName} in the maps. */
  private addLine(scope: Construct, d: IdcSpec, lineName: string, spec: IdcLineSpec | IdcSpec): void {
    const key = vbrTableName(d.name, lineName);
    const name = key === d.name ? d.name : lineKey(d.name, lineName);
    this.idcScopes.set(key, scope);
    const provider = this.providers.forNetwork(d.account, d.region);
    const l = spec.leasedLine;
    const line = l.create
      ? new LeasedLine(scope, "LeasedLine", { name, accessPointId: l.accessPointId!, provider, ...l.create })
      : LeasedLine.fromPhysicalConnectionId(scope, "LeasedLine", {
          physicalConnectionId: l.physicalConnectionId!,
          accessPointId: l.accessPointId,
          provider,
        });
    this.leasedLines.set(key, line);
    if (/placeholder/.test(l.physicalConnectionId ?? "")) {
      Annotations.of(scope).addWarning(
        `IDC ${name} references the placeholder physical connection ${l.physicalConnectionId}; set your installed line's ID (pc-...) before deploying`,
      );
    }
    this.vbrs.set(key, new VirtualBorderRouter(scope, "Vbr", { name, region: d.region, provider, leasedLine: line, ...spec.vbr }));
  }

  /** One `add<Kind>Link` per link kind, in declaration order (account lookups are made on first use). */
  private addLinks(): void {
    const scope = new Construct(this, "Links");
    for (const l of this.topology.links) {
      switch (l.kind) {
        case "peering":
          this.addPeeringLink(scope, l);
          break;
        case "router-interface":
          this.addRouterInterfaceLink(scope, l);
          break;
        case "shared-nat":
          this.addSharedNatLink(scope, l);
          break;
        case "vbr":
          this.addVbrLink(scope, l);
          break;
        case "vpn":
          this.addVpnLink(scope, l);
          break;
        case "transit-router":
          this.addTransitRouterLink(scope, l);
          break;
        default:
          assertNever(l, "link kind");
      }
    }
  }

  private addPeeringLink(scope: Construct, l: PeeringLinkSpec): void {
    const from = this.vpcSpec(l.requester);
    const to = this.vpcSpec(l.acceptor);
    const cross = from.account !== to.account;
    this.interconnects.set(
      l.name,
      new Interconnect(scope, pascal(l.name), {
        name: l.name,
        from: this.vpc(from.name),
        to: this.vpc(to.name),
        commonTags: this.tags,
        toOwnerUid: cross ? this.accountUid(to.account, to.region) : undefined,
        toAccountUid: this.accountUid(to.account, to.region),
        kind: InterconnectKind.PEERING,
        bandwidth: l.bandwidth,
        linkType: l.linkType,
      }),
    );
  }

  private addRouterInterfaceLink(scope: Construct, l: RouterInterfaceLinkSpec): void {
    const from = this.vpcSpec(l.from);
    const to = this.vpcSpec(l.to);
    const cross = from.account !== to.account;
    this.interconnects.set(
      l.name,
      new Interconnect(scope, pascal(l.name), {
        name: l.name,
        from: this.vpc(from.name),
        to: this.vpc(to.name),
        commonTags: this.tags,
        fromOwnerUid: cross ? this.accountUid(from.account, from.region) : undefined,
        toOwnerUid: cross ? this.accountUid(to.account, to.region) : undefined,
        kind: InterconnectKind.ROUTER_INTERFACE,
        spec: l.spec,
      }),
    );
  }

  private addSharedNatLink(scope: Construct, l: SharedNatSpec): void {
    this.sharedNats.set(
      l.name,
      new SharedNatGateway(scope, pascal(l.name), {
        name: l.name,
        hub: this.vpc(l.hub),
        vswitch: l.vswitch,
        hubVswitches: this.vpcSpec(l.hub).vswitches.map((s) => s.name),
        spokes: l.spokes.map((s) => this.vpc(s)),
        eipBandwidth: l.eipBandwidth,
        commonTags: this.tags,
      }),
    );
  }

  /** A VBR-to-VPC router-interface pair: the VBR initiates, the VPC's router accepts. */
  private addVbrLink(scope: Construct, l: VbrLinkSpec): void {
    const idc = this.topology.idcs!.find((d) => d.name === l.idc)!;
    const vpcSpec = this.vpcSpec(l.vpc);
    const vbr = this.vbrs.get(vbrTableName(l.idc, l.line))!;
    const cross = idc.account !== vpcSpec.account;
    this.routerInterfacePairs.set(
      l.name,
      new RouterInterfacePair(scope, pascal(l.name), {
        name: l.name,
        spec: l.spec,
        healthCheck: l.healthCheck,
        initiator: {
          routerType: RouterType.VBR,
          routerId: vbr.vbrId,
          region: idc.region,
          provider: vbr.provider,
          accessPointId: vbr.accessPointId,
          label: l.idc,
          ownerUid: cross ? this.accountUid(idc.account, idc.region) : undefined,
        },
        acceptor: {
          routerType: RouterType.VROUTER,
          routerId: this.vpc(l.vpc).routerId,
          region: vpcSpec.region,
          provider: this.vpc(l.vpc).provider,
          label: l.vpc,
          ownerUid: cross ? this.accountUid(vpcSpec.account, vpcSpec.region) : undefined,
        },
      }),
    );
  }

  /**
   * The CEN instance, one TR per region (each through the CEN account's provider in its
   * region), the peer attachments between every pair of regions, then each VPC's and
   * each IDC's VBR's attachment to its region's TR.
   */
  private addTransitRouterLink(scope: Construct, l: TransitRouterLinkSpec): void {
    const account = cenAccount(this.topology, l)!;
    const routers = transitRouters(this.topology, l);
    const link = new Construct(scope, pascal(l.name));
    const cen = new TransitRouterNetwork(link, "Cen", {
      name: l.name,
      provider: this.providers.forNetwork(account, routers[0]!.region),
      commonTags: this.tags,
    });
    this.transitRouterNetworks.set(l.name, cen);
    for (const r of routers) cen.addRouter({ name: r.name, region: r.region, provider: this.providers.forNetwork(account, r.region) });
    for (const [a, b] of peerPairs(routers.map((r) => r.region))) {
      const attachment = { kind: "peer", regions: [a, b] } as const;
      this.trAttachments.set(
        attachmentKey(attachment),
        new TransitRouterPeerAttachment(link, pascal(`peer-${a}-${b}`), {
          local: cen.router(a),
          peer: cen.router(b),
          name: `${l.name}-${a}-${b}`,
          bandwidth: l.peerBandwidth,
        }),
      );
    }
    for (const name of l.vpcs) {
      const v = this.vpcSpec(name);
      const vpc = this.vpc(name);
      this.trAttachments.set(
        attachmentKey({ kind: "vpc", vpc: name }),
        new TransitRouterVpcAttachment(link, pascal(`vpc-${name}`), {
          router: cen.router(v.region),
          vpc,
          zoneMappings: attachmentZones(v).map((z) => ({ zoneId: z.zone, vswitchId: vpc.vswitchId(z.vswitch) })),
          name: `${l.name}-${name}`,
          commonTags: this.tags,
        }),
      );
    }
    for (const idc of l.idcs ?? []) this.addVbrAttachments(link, l, cen, idc);
  }

  /** Each line's VBR of an IDC on the TR of its region, with the line's health check when it has one. */
  private addVbrAttachments(scope: Construct, l: TransitRouterLinkSpec, cen: TransitRouterNetwork, idc: string): void {
    const d = this.topology.idcs!.find((x) => x.name === idc)!;
    const lines: [string | undefined, IdcSpec | IdcLineSpec][] = [
      [undefined, d],
      ...(d.additionalLines ?? []).map((x): [string, IdcLineSpec] => [x.name, x]),
    ];
    for (const [line, spec] of lines) {
      const vbr = this.vbrs.get(vbrTableName(idc, line))!;
      const name = line === undefined ? idc : lineKey(idc, line);
      this.trAttachments.set(
        attachmentKey(line === undefined ? { kind: "vbr", idc } : { kind: "vbr", idc, line }),
        new TransitRouterVbrAttachment(scope, pascal(`vbr-${name}`), {
          router: cen.router(vbr.region),
          vbr,
          name: `${l.name}-${name}`,
          commonTags: this.tags,
          healthCheck: spec.healthCheck,
        }),
      );
    }
  }

  /** An office's customer gateway and IPsec connection on the VPC's VPN gateway. */
  private addVpnLink(scope: Construct, l: VpnLinkSpec): void {
    const o = this.topology.offices!.find((x) => x.name === l.office)!;
    const device = this.deviceKey(l.vpc, l.publicIp ?? o.publicIp);
    const slave = l.slaveTunnelPublicIp === undefined ? undefined : this.deviceKey(l.vpc, l.slaveTunnelPublicIp);
    const site = new OfficeSite(scope, pascal(l.name), {
      customerGateway: this.customerGateways.get(device),
      slaveTunnelPublicIp: l.slaveTunnelPublicIp,
      slaveCustomerGateway: slave === undefined ? undefined : this.customerGateways.get(slave),
      gateway: this.vpnGateways.get(l.vpc)!,
      name: o.name,
      link: l.name,
      publicIp: l.publicIp ?? o.publicIp,
      cidrs: o.cidrs,
      asn: o.asn,
      ipsec: l.ipsec,
      healthCheck: l.healthCheck,
      addGatewayRoutes: false,
      commonTags: this.tags,
    });
    this.offices.set(l.name, site);
    if (!this.customerGateways.has(device)) this.customerGateways.set(device, site.customerGateway);
    if (slave !== undefined && !this.customerGateways.has(slave)) this.customerGateways.set(slave, site.slaveCustomerGateway!);
    for (const ip of [l.publicIp ?? o.publicIp, ...(l.slaveTunnelPublicIp === undefined ? [] : [l.slaveTunnelPublicIp])]) {
      if (!isDocumentationIpv4(ip)) continue;
      Annotations.of(site).addWarning(
        `office ${o.name} uses the placeholder public IP ${ip} (RFC 5737); set its gateway's real static address before deploying`,
      );
    }
  }

  /**
   * A device's customer gateway is one per account and region (where its VPN gateway's VPC
   * is): CreateCustomerGateway refuses a second one with the same IP in a region
   * (InvalidIpAddress.AlreadyExist, "The IP addresses must be unique in the same region").
   */
  private deviceKey(vpc: string, ip: string): string {
    const v = this.topology.vpcs.find((x) => x.name === vpc)!;
    return `${v.account}|${v.region}|${ip}`;
  }

  /**
   * Each IDC's VPN backup: a customer gateway for its device and an IPsec connection on the
   * transit VPC's gateway, whose local subnets are the VPCs of the transit-router link. The
   * routes (transit VPC to gateway, gateway to connection, the transit router's supernet
   * route) are the planner's.
   */
  private addIdcVpnBackups(): void {
    const backups = idcVpnBackups(this.topology);
    if (backups.length === 0) return;
    const scope = new Construct(this, "IdcVpnBackups");
    for (const b of backups) {
      const link = this.topology.links.find((l) => l.name === b.link) as TransitRouterLinkSpec;
      const site = new OfficeSite(scope, pascal(b.idc.name), {
        gateway: this.vpnGateways.get(b.vpc)!,
        name: b.idc.name,
        link: b.vpnLink,
        siteKind: "data center",
        publicIp: b.idc.vpnBackup!.publicIp,
        cidrs: b.idc.cidrs,
        localSubnets: link.vpcs.map((v) => this.vpcSpec(v).cidr),
        addGatewayRoutes: false,
        commonTags: this.tags,
      });
      this.idcVpns.set(b.idc.name, site);
      if (isDocumentationIpv4(b.idc.vpnBackup!.publicIp))
        Annotations.of(site).addWarning(
          `data center ${b.idc.name} uses the placeholder public IP ${b.idc.vpnBackup!.publicIp} (RFC 5737) for its VPN device; set its real static address before deploying`,
        );
    }
  }

  /** The IPsec connection of a VPN link: an office's, or the one backing an IDC's line. */
  private connectionOf(link: string): OfficeSite {
    const found = this.offices.get(link) ?? [...this.idcVpns.entries()].find(([idc]) => idcVpnLinkName(idc) === link)?.[1];
    if (!found) throw new Error(`no IPsec connection for VPN link ${link}`);
    return found;
  }

  /** Every planned table's entries; a VPN gateway's destination routes go on the gateway itself. */
  private addRouteTables(): void {
    const scope = new Construct(this, "Routes");
    for (const table of this.plan.tables) {
      if (table.router === "vpngw") {
        // destination routes on the VPN gateway towards each office's connection
        const gw = this.vpnGateways.get(table.name)!;
        for (const r of table.routes) {
          if (r.nextHop.type === "VpnConnection")
            gw.addRoute(r.destination, this.connectionOf(r.nextHop.link).connectionId, { weight: r.weight, link: r.nextHop.link });
        }
        continue;
      }
      const entries = emittedRoutes(table);
      if (entries.length === 0) continue;
      if (table.router === "tr") {
        this.addTransitRouterRoutes(scope, table, entries);
        continue;
      }
      const owner = table.router === "vpc" ? this.vpc(table.name) : this.vbrs.get(table.name)!;
      this.routeTables.set(
        `${table.router}:${table.name}`,
        new RouteTableEntries(scope, pascal(`${table.router === "vbr" ? "vbr-" : ""}${table.name}`), {
          routeTableId: owner.routeTableId,
          provider: owner.provider,
          routes: entries.map((r) => ({ destination: r.destination, target: this.target(table, r.nextHop), name: routeName(r) })),
        }),
      );
    }
  }

  /** A TR table's static routes: offices behind a VPC's VPN gateway, destinations in other regions. */
  private addTransitRouterRoutes(scope: Construct, table: RouteTablePlan, entries: readonly PlannedRoute[]): void {
    this.trRoutes.set(
      table.name,
      new TransitRouterRoutes(scope, pascal(`tr-${table.name}`), {
        router: [...this.transitRouterNetworks.values()][0]!.router(table.name),
        routes: entries.map((r) => {
          if (r.nextHop.type !== "Attachment") throw new Error(`next hop ${r.nextHop.type} in tr:${table.name} is not an attachment`);
          return { destination: r.destination, via: this.trAttachment(r.nextHop.attachment), name: routeName(r) };
        }),
      }),
    );
  }

  private trAttachment(a: TrAttachment): ITransitRouterAttachment {
    const found = this.trAttachments.get(attachmentKey(a));
    if (!found) throw new Error(`no transit-router attachment ${attachmentKey(a)}`);
    return found;
  }

  /** BGP to each IDC, on each of its lines: learn the IDC's prefixes, advertise what the line's VBR routes to. */
  private addBgp(): void {
    for (const d of this.topology.idcs ?? []) {
      this.addLineBgp(d, d.name, d);
      for (const l of d.additionalLines ?? []) this.addLineBgp(d, l.name, l);
    }
  }

  /** One line's BGP session (or, without `bgp`, the warning that its IDC route is added by hand). */
  private addLineBgp(d: IdcSpec, lineName: string, line: IdcLineSpec | IdcSpec): void {
    const key = vbrTableName(d.name, lineName);
    const vbr = this.vbrs.get(key)!;
    if (!line.bgp) {
      Annotations.of(vbr).addWarning(
        `IDC ${d.name} uses static routing: no VBR route towards the IDC (${d.cidrs.join(", ")}) is emitted, because the next-hop ` +
          "form for a physical connection could not be confirmed offline. Add it in the Express Connect console " +
          "(next hop: the physical connection) or enable `bgp` so the VBR learns the IDC prefixes." +
          (d.redundant
            ? ` Its \`redundant: true\` is proven for traffic from ${d.name} only: traffic towards it needs that ` +
              "hand-added route, which no check of the synthesized JSON can see (the promise leaves those pairs unchecked)."
            : ""),
      );
      return;
    }
    const advertise = this.plan
      .table("vbr", key)
      .routes.filter((r) => r.nextHop.type !== "PhysicalConnection")
      .map((r) => r.destination);
    this.bgp.set(
      key,
      new BgpPeering(this.idcScopes.get(key)!, "Bgp", {
        vbr,
        peerAsn: line.bgp.peerAsn,
        localAsn: line.bgp.localAsn,
        enableBfd: line.bgp.enableBfd,
        bfdMultiHop: line.bgp.bfdMultiHop,
        md5Auth: line.bgp.md5Auth,
        advertise,
      }),
    );
  }

  /** Per VPC: a group admitting its own block and every network the plan says reaches it. */
  private addSecurityGroups(): void {
    const scope = new Construct(this, "SecurityGroups");
    this.topology.vpcs.forEach((v, i) => {
      const admit = this.admittedSources(v);
      const sg = new NetworkSecurityGroup(scope, pascal(v.name), { vpc: this.vpc(v.name), admit, commonTags: this.tags });
      this.securityGroups.set(v.name, sg);
      if (admit.length > QUOTAS.securityGroupRules.default) {
        throw new TopologyError(this.topology.name, [
          {
            path: `${this.topology.name}.vpcs[${i}]`,
            value: v.name,
            message: `needs ${admit.length} ingress rules in its security group; ${quotaAdvice(this.topology, "securityGroupRules")}; allowed: at most ${QUOTAS.securityGroupRules.default}, e.g. contiguous site ranges so that sources summarize`,
          },
        ]);
      }
    });
  }

  /** The ingress sources of a VPC's security group, summarized when the topology asks. */
  private admittedSources(v: VpcSpec): { name: string; cidr: string }[] {
    const admit = [{ name: v.name, cidr: v.cidr }];
    for (const [src, reached] of this.plan.reaches) {
      if (src === INTERNET || !reached.has(v.name)) continue;
      for (const c of this.cidrsOf(src)) admit.push({ name: src, cidr: c });
    }
    if (this.topology.summarize !== true) return admit;
    return mergeSiblings(
      admit.map((a) => ({ cidr: cidr(a.cidr), value: a.name })),
      () => true,
    ).map((m) => ({ name: m.merged.length > 1 ? `${m.merged[0]} and ${m.merged.length - 1} more` : m.value, cidr: m.cidr.text }));
  }

  private vpcSpec(name: string): VpcSpec {
    return this.topology.vpcs.find((v) => v.name === name)!;
  }

  vpc(name: string): VpcNetwork {
    const v = this.vpcs.get(name);
    if (!v) throw new Error(`no VPC named \`${name}\``);
    return v;
  }

  /** The account's UID: from config, or `data.alicloud_account` through its provider. */
  private accountUid(account: string, region: string): string {
    const known = this.accountUids.get(account);
    if (known) return known;
    const spec = this.topology.accounts.find((a) => a.name === account)!;
    const uid =
      spec.uid ??
      new DataAlicloudAccount(this, `${pascal(account)}Account`, {
        provider: this.providers.forNetwork(account, region),
      }).id;
    this.accountUids.set(account, uid);
    return uid;
  }

  private cidrsOf(network: string): readonly string[] {
    const t = this.topology;
    const v = t.vpcs.find((x) => x.name === network);
    if (v) return [v.cidr];
    return t.offices?.find((x) => x.name === network)?.cidrs ?? t.idcs?.find((x) => x.name === network)?.cidrs ?? [];
  }

  private target(table: RouteTablePlan, hop: NextHop): RouteTarget {
    switch (hop.type) {
      case "VpcPeer":
      case "RouterInterface": {
        const ic = this.interconnects.get(hop.link);
        if (ic) return ic.routeTargetFrom(table.name);
        // a VBR<->VPC pair: the VBR initiates
        const pair = this.routerInterfacePairs.get(hop.link)!;
        return RouteTarget.routerInterface(
          pair.interfaceIdOn(table.router === "vbr" ? "initiator" : "acceptor"),
          pair.initiatingConnection,
        );
      }
      case "VpnGateway": {
        const gw = this.vpnGateways.get(hop.vpc)!;
        return RouteTarget.vpnGateway(gw.vpnGatewayId, gw.resource);
      }
      case "NatGateway": {
        const nat = this.sharedNats.get(hop.link)!;
        return RouteTarget.natGateway(nat.natGatewayId, nat.association);
      }
      case "Attachment": {
        const a = this.trAttachment(hop.attachment);
        return RouteTarget.attachment(a.attachmentId, ...a.routeDependencies);
      }
      case "VpnConnection":
      case "PhysicalConnection":
        throw new Error(`next hop ${hop.type} in ${table.router}:${table.name} is not emitted as a route entry`);
      default:
        return assertNever(hop, "next hop type");
    }
  }
}
