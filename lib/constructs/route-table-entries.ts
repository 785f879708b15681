import { ITerraformDependable, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { RouteEntry } from "../../.gen/providers/alicloud/route-entry";
import { cidrId } from "../private/naming";
import { isCidr, parseCidr } from "../topology";

/** Where a route sends traffic. Values are the provider's `nexthop_type` strings. */
export class RouteTarget {
  static vpnGateway(vpnGatewayId: string, ...dependsOn: ITerraformDependable[]): RouteTarget {
    return new RouteTarget("VpnGateway", vpnGatewayId, dependsOn);
  }
  static vpcPeer(peerConnectionId: string, ...dependsOn: ITerraformDependable[]): RouteTarget {
    return new RouteTarget("VpcPeer", peerConnectionId, dependsOn);
  }
  static routerInterface(routerInterfaceId: string, ...dependsOn: ITerraformDependable[]): RouteTarget {
    return new RouteTarget("RouterInterface", routerInterfaceId, dependsOn);
  }
  /**
   * A transit-router attachment: `nexthop_type = "Attachment"` with the VPC's own attachment
   * ID (the VPC CreateRouteEntry API's next-hop type for a transit router; the provider
   * passes `nexthop_type` through unchecked, alicloud/resource_alicloud_route_entry.go:32).
   */
  static attachment(transitRouterAttachmentId: string, ...dependsOn: ITerraformDependable[]): RouteTarget {
    return new RouteTarget("Attachment", transitRouterAttachmentId, dependsOn);
  }
  static natGateway(natGatewayId: string, ...dependsOn: ITerraformDependable[]): RouteTarget {
    return new RouteTarget("NatGateway", natGatewayId, dependsOn);
  }

  private constructor(
    readonly nextHopType: string,
    readonly nextHopId: string,
    /** Resources that must exist before the route (e.g. a connected RI pair). */
    readonly dependsOn: readonly ITerraformDependable[],
  ) {}
}

export interface RouteSpec {
  readonly destination: string;
  readonly target: RouteTarget;
  /**
   * Route entry name, 2–128 characters.
   * @default - `to-<destination>`
   */
  readonly name?: string;
}

export interface RouteTableEntriesProps {
  readonly routeTableId: string;
  readonly provider: TerraformProvider;
  readonly routes: readonly RouteSpec[];
}

/**
 * The entries of one route table (VPC or VBR). Entries are chained with `depends_on`
 * so Terraform creates and deletes them one at a time: the route table API rejects
 * concurrent changes to one table (TaskConflict / OperationConflict), and provider
 * v1.240.0 does not serialize them itself (v1.289.0 does).
 *
 * ```ts
 * new RouteTableEntries(this, "Routes", { routeTableId: vpc.routeTableId, provider, routes: [
 *   { destination: "10.10.10.0/24", target: RouteTarget.vpnGateway(gw.vpnGatewayId) },
 * ]});
 * ```
 * @resource alicloud_route_entry
 */
export class RouteTableEntries extends Construct {
  readonly entries: RouteEntry[] = [];

  constructor(scope: Construct, id: string, props: RouteTableEntriesProps) {
    super(scope, id);
    const seen = new Set<string>();
    let previous: RouteEntry | undefined;
    props.routes.forEach((r, i) => {
      const unresolved = Token.isUnresolved(r.destination);
      if (!unresolved && !isCidr(parseCidr(r.destination))) {
        throw new Error(`\`destination\` ${r.destination} is not a network CIDR (a.b.c.d/n without host bits)`);
      }
      if (seen.has(r.destination))
        throw new Error(`\`destination\` ${r.destination} appears twice in one route table; allowed: one entry per destination`);
      seen.add(r.destination);
      // a token destination cannot name a construct: fall back to its position
      const entry: RouteEntry = new RouteEntry(this, unresolved ? `Route${i}` : cidrId(r.destination), {
        provider: props.provider,
        routeTableId: props.routeTableId,
        destinationCidrblock: r.destination,
        nexthopType: r.target.nextHopType,
        nexthopId: r.target.nextHopId,
        name: r.name ?? `to-${r.destination.replace("/", "_")}`,
        dependsOn: [...r.target.dependsOn, ...(previous ? [previous] : [])],
      });
      this.entries.push(entry);
      previous = entry;
    });
  }
}
