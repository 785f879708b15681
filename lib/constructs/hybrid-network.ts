import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { DataAlicloudAccount } from "../../.gen/providers/alicloud/data-alicloud-account";
import { pascal } from "../private/naming";
import {
  assertValidTopology, INTERNET, NextHop, planRoutes, RoutePlan, RouteTablePlan, Topology,
} from "../topology";
import { NetworkSecurityGroup } from "./network-security-group";
import { ProviderMatrix } from "./providers";
import { RouterInterfacePair, RouterType } from "./router-interface-pair";
import { RouteTableEntries, RouteTarget } from "./route-table-entries";
import { SharedNatGateway } from "./shared-nat-gateway";
import { VpcNetwork } from "./vpc-network";
import { VpcPeering } from "./vpc-peering";

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
  readonly peerings = new Map<string, VpcPeering>();
  readonly routerInterfacePairs = new Map<string, RouterInterfacePair>();
  readonly sharedNats = new Map<string, SharedNatGateway>();
  readonly securityGroups = new Map<string, NetworkSecurityGroup>();
  readonly routeTables = new Map<string, RouteTableEntries>();
  private readonly accountUids = new Map<string, string>();
  private readonly providers: ProviderMatrix;

  constructor(scope: Construct, id: string, props: HybridNetworkProps) {
    super(scope, id);
    assertValidTopology(props.topology);
    const t = props.topology;
    this.topology = t;
    this.providers = props.providers;
    this.plan = planRoutes(t);
    const tags = t.tags ?? {};

    const vpcs = new Construct(this, "Vpcs");
    for (const v of t.vpcs) {
      this.vpcs.set(v.name, new VpcNetwork(vpcs, pascal(v.name), {
        name: v.name, region: v.region, cidrBlock: v.cidr, vswitches: v.vswitches,
        provider: props.providers.forNetwork(v.account, v.region), commonTags: tags, tags: v.tags,
      }));
    }

    const links = new Construct(this, "Links");
    for (const l of t.links) {
      switch (l.kind) {
        case "peering": {
          const req = t.vpcs.find((v) => v.name === l.requester)!;
          const acc = t.vpcs.find((v) => v.name === l.acceptor)!;
          const crossAccount = req.account !== acc.account;
          this.peerings.set(l.name, new VpcPeering(links, pascal(l.name), {
            name: l.name, requester: this.vpc(l.requester), acceptor: this.vpc(l.acceptor),
            crossAccount, acceptorUid: crossAccount ? this.accountUid(acc.account, acc.region) : undefined,
            bandwidth: l.bandwidth, linkType: l.linkType, commonTags: tags,
          }));
          break;
        }
        case "router-interface": {
          const from = t.vpcs.find((v) => v.name === l.from)!;
          const to = t.vpcs.find((v) => v.name === l.to)!;
          const cross = from.account !== to.account;
          this.routerInterfacePairs.set(l.name, new RouterInterfacePair(links, pascal(l.name), {
            name: l.name, spec: l.spec,
            initiator: { routerType: RouterType.VROUTER, routerId: this.vpc(l.from).routerId, region: from.region,
              provider: this.vpc(l.from).provider, label: l.from, ownerUid: cross ? this.accountUid(from.account, from.region) : undefined },
            acceptor: { routerType: RouterType.VROUTER, routerId: this.vpc(l.to).routerId, region: to.region,
              provider: this.vpc(l.to).provider, label: l.to, ownerUid: cross ? this.accountUid(to.account, to.region) : undefined },
          }));
          break;
        }
        case "shared-nat": {
          const hub = t.vpcs.find((v) => v.name === l.hub)!;
          this.sharedNats.set(l.name, new SharedNatGateway(links, pascal(l.name), {
            name: l.name, hub: this.vpc(l.hub), vswitch: l.vswitch,
            hubVswitches: hub.vswitches.map((s) => s.name),
            spokes: l.spokes.map((s) => this.vpc(s)), eipBandwidth: l.eipBandwidth, commonTags: tags,
          }));
          break;
        }
        case "vbr":
        case "vpn":
          throw new Error(`link kind \`${l.kind}\` (${l.name}) is built by a later construct`);
      }
    }

    const routes = new Construct(this, "Routes");
    for (const table of this.plan.tables) {
      if (table.router !== "vpc" || table.routes.length === 0) continue;
      const vpc = this.vpc(table.name);
      this.routeTables.set(`vpc:${table.name}`, new RouteTableEntries(routes, pascal(table.name), {
        routeTableId: vpc.routeTableId,
        provider: vpc.provider,
        routes: table.routes.map((r) => ({ destination: r.destination, target: this.target(table, r.nextHop), name: `to-${r.network}` })),
      }));
    }

    const sgs = new Construct(this, "SecurityGroups");
    for (const v of t.vpcs) {
      const admit = [{ name: v.name, cidr: v.cidr }];
      for (const [src, reached] of this.plan.reaches) {
        if (src === INTERNET || !reached.has(v.name)) continue;
        for (const c of this.cidrsOf(src)) admit.push({ name: src, cidr: c });
      }
      this.securityGroups.set(v.name, new NetworkSecurityGroup(sgs, pascal(v.name), { vpc: this.vpc(v.name), admit, commonTags: tags }));
    }
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
    const uid = spec.uid ?? new DataAlicloudAccount(this, `${pascal(account)}Account`, {
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
      case "VpcPeer": {
        const p = this.peerings.get(hop.link)!;
        return RouteTarget.vpcPeer(p.peerConnectionId, ...p.routeDependencies);
      }
      case "RouterInterface": {
        const pair = this.routerInterfacePairs.get(hop.link)!;
        const link = this.topology.links.find((l) => l.name === hop.link)!;
        const initiatorSide = link.kind === "router-interface" ? link.from === table.name : table.router === "vbr";
        const deps: ITerraformDependable[] = [pair.initiatingConnection];
        return RouteTarget.routerInterface(pair.interfaceIdOn(initiatorSide ? "initiator" : "acceptor"), ...deps);
      }
      case "NatGateway": {
        const nat = this.sharedNats.get(hop.link)!;
        return RouteTarget.natGateway(nat.natGatewayId, nat.association);
      }
      default:
        throw new Error(`next hop ${hop.type} in ${table.router}:${table.name} is not emitted as a route entry`);
    }
  }
}
