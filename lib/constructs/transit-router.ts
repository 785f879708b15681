import { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { CenInstance } from "../../.gen/providers/alicloud/cen-instance";
import { CenTransitRouter } from "../../.gen/providers/alicloud/cen-transit-router";
import { CenTransitRouterPeerAttachment } from "../../.gen/providers/alicloud/cen-transit-router-peer-attachment";
import { CenTransitRouterRouteEntry } from "../../.gen/providers/alicloud/cen-transit-router-route-entry";
import { CenTransitRouterRouteTable } from "../../.gen/providers/alicloud/cen-transit-router-route-table";
import { CenTransitRouterRouteTableAssociation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-association";
import { CenTransitRouterRouteTablePropagation } from "../../.gen/providers/alicloud/cen-transit-router-route-table-propagation";
import { CenTransitRouterVbrAttachment } from "../../.gen/providers/alicloud/cen-transit-router-vbr-attachment";
import { CenTransitRouterVpcAttachment } from "../../.gen/providers/alicloud/cen-transit-router-vpc-attachment";
import { CenVbrHealthCheck } from "../../.gen/providers/alicloud/cen-vbr-health-check";
import { cidrId, constructId, mergeTags } from "../private/naming";
import { DEFAULT_PEER_BANDWIDTH, VbrHealthCheckSpec } from "../topology";
import { IVirtualBorderRouter } from "./virtual-border-router";
import { IVpcNetwork } from "./vpc-network";

/*
 * Provider arguments (pinned provider v1.240.0, alicloud/…):
 * - `auto_publish_route_enabled` is Optional with no default on every attachment
 *   (resource_alicloud_cen_transit_router_vpc_attachment.go:30, _vbr_attachment.go:58,
 *   _peer_attachment.go:30) and is only sent when set (GetOkExists, vpc_attachment.go:194,
 *   vbr_attachment.go:125, peer_attachment.go:144), so it is always written explicitly.
 * - `zone_mappings` is a Required set of { zone_id, vswitch_id } (vpc_attachment.go:94).
 * - `bandwidth_type` is Optional+Computed (peer_attachment.go:38): set to DataTransfer
 *   (pay-by-data-transfer, no bandwidth plan) so Read's value never differs from config.
 * - `transit_router_route_entry_next_hop_type` takes `Attachment` or `BlackHole`
 *   (resource_alicloud_cen_transit_router_route_entry.go:53-57); every static route here
 *   goes through an attachment.
 * - `transit_router_id` of an attachment is Optional (vpc_attachment.go:66,
 *   vbr_attachment.go:39, peer_attachment.go:95) but always set, so that the attachment
 *   lands on the TR of its region and its reference orders the creation.
 */

/** The CEN instance of a transit-router link. */
export interface TransitRouterNetworkProps {
  /** Names the CEN instance (`cen_instance_name`, resource_alicloud_cen_instance.go:39). */
  readonly name: string;
  /** Provider of the CEN account in the first VPC's region. */
  readonly provider: TerraformProvider;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
}

/** One region's Enterprise Edition TR and its route table. */
export interface TransitRouterProps {
  readonly name: string;
  readonly region: string;
  /** Provider of the CEN account in `region`. */
  readonly provider: TerraformProvider;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
}

/**
 * A CEN instance and its transit routers, one per region, each with the one route table
 * every attachment of that TR is associated with.
 *
 * ```ts
 * const cen = new TransitRouterNetwork(this, "Cen", { name: "hub", provider });
 * const bj = cen.addRouter({ name: "hub-cn-beijing", region: "cn-beijing", provider: bjProvider });
 * ```
 * @resource alicloud_cen_instance
 * @resource alicloud_cen_transit_router
 * @resource alicloud_cen_transit_router_route_table
 */
export class TransitRouterNetwork extends Construct {
  readonly cen: CenInstance;
  private readonly routers = new Map<string, TransitRouter>();
  private readonly tags: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: TransitRouterNetworkProps) {
    super(scope, id);
    this.tags = props.commonTags ?? {};
    this.cen = new CenInstance(this, "Cen", {
      provider: props.provider,
      cenInstanceName: props.name,
      tags: mergeTags(props.name, this.tags),
    });
  }

  get cenId(): string {
    return this.cen.id;
  }

  /** Adds the TR of `props.region`; one per region (one TR per region per CEN instance). */
  addRouter(props: TransitRouterProps): TransitRouter {
    if (this.routers.has(props.region))
      throw new Error(`transit router for region ${props.region} already exists; allowed: one per region`);
    const tr = new TransitRouter(this, constructId(props.region), {
      ...props,
      commonTags: props.commonTags ?? this.tags,
      cenId: this.cenId,
    });
    this.routers.set(props.region, tr);
    return tr;
  }

  /** The TR of `region`. */
  router(region: string): TransitRouter {
    const tr = this.routers.get(region);
    if (!tr) throw new Error(`no transit router in region ${region}; have ${[...this.routers.keys()].join(", ")}`);
    return tr;
  }
}

/**
 * One Enterprise Edition TR (`alicloud_cen_transit_router`) and its custom route table.
 * @resource alicloud_cen_transit_router
 * @resource alicloud_cen_transit_router_route_table
 */
export class TransitRouter extends Construct {
  readonly region: string;
  readonly provider: TerraformProvider;
  readonly cenId: string;
  readonly router: CenTransitRouter;
  readonly routeTable: CenTransitRouterRouteTable;

  constructor(scope: Construct, id: string, props: TransitRouterProps & { readonly cenId: string }) {
    super(scope, id);
    this.region = props.region;
    this.provider = props.provider;
    this.cenId = props.cenId;
    const tags = mergeTags(props.name, props.commonTags);
    this.router = new CenTransitRouter(this, "Router", {
      provider: props.provider,
      cenId: props.cenId,
      transitRouterName: props.name,
      tags,
    });
    this.routeTable = new CenTransitRouterRouteTable(this, "RouteTable", {
      provider: props.provider,
      transitRouterId: this.router.transitRouterId,
      transitRouterRouteTableName: props.name,
      tags,
    });
  }

  get transitRouterId(): string {
    return this.router.transitRouterId;
  }
  get routeTableId(): string {
    return this.routeTable.transitRouterRouteTableId;
  }
}

/** An attachment as its routes and associations see it. */
export interface ITransitRouterAttachment {
  /** `transit_router_attachment_id`: the next hop of routes through it. */
  readonly attachmentId: string;
  /** What a route through it must wait for (the attachment and its association). */
  readonly routeDependencies: readonly ITerraformDependable[];
}

/** Associates an attachment with `tr`'s table and, unless it is a peer attachment, propagates into it. */
function bind(scope: Construct, tr: TransitRouter, attachmentId: string, propagate: boolean): ITerraformDependable[] {
  const args = { provider: tr.provider, transitRouterAttachmentId: attachmentId, transitRouterRouteTableId: tr.routeTableId };
  const out: ITerraformDependable[] = [new CenTransitRouterRouteTableAssociation(scope, "Association", args)];
  if (propagate) out.push(new CenTransitRouterRouteTablePropagation(scope, "Propagation", args));
  return out;
}

export interface TransitRouterVpcAttachmentProps {
  readonly router: TransitRouter;
  readonly vpc: IVpcNetwork;
  /** One vSwitch per zone the attachment uses: two in a region where TRs support more than one zone. */
  readonly zoneMappings: readonly { readonly zoneId: string; readonly vswitchId: string }[];
  readonly name: string;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
}

/**
 * A VPC attached to its region's TR, associated with and propagating into the TR's table.
 * Auto-publish is off: the VPC's routes towards the TR are planned entries, never
 * published by the TR.
 * @resource alicloud_cen_transit_router_vpc_attachment
 * @resource alicloud_cen_transit_router_route_table_association
 * @resource alicloud_cen_transit_router_route_table_propagation
 */
export class TransitRouterVpcAttachment extends Construct implements ITransitRouterAttachment {
  readonly attachment: CenTransitRouterVpcAttachment;
  readonly routeDependencies: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: TransitRouterVpcAttachmentProps) {
    super(scope, id);
    if (props.zoneMappings.length === 0)
      throw new Error(`\`zoneMappings\` of the VPC attachment ${props.name} is empty; allowed: one or two zones`);
    const tr = props.router;
    this.attachment = new CenTransitRouterVpcAttachment(this, "Attachment", {
      provider: tr.provider,
      cenId: tr.cenId,
      transitRouterId: tr.transitRouterId,
      vpcId: props.vpc.vpcId,
      zoneMappings: props.zoneMappings.map((z) => ({ zoneId: z.zoneId, vswitchId: z.vswitchId })),
      autoPublishRouteEnabled: false,
      transitRouterVpcAttachmentName: props.name,
      tags: mergeTags(props.name, props.commonTags),
    });
    this.routeDependencies = [this.attachment, ...bind(this, tr, this.attachmentId, true)];
  }

  get attachmentId(): string {
    return this.attachment.transitRouterAttachmentId;
  }
}

export interface TransitRouterVbrAttachmentProps {
  readonly router: TransitRouter;
  readonly vbr: IVirtualBorderRouter;
  readonly name: string;
  /** @default {} */
  readonly commonTags?: Readonly<Record<string, string>>;
  /**
   * Probe the line and withdraw its routes from the TR when the probe fails
   * (`alicloud_cen_vbr_health_check`, which needs the attachment).
   * @default - none: only a BGP session that drops withdraws the line's routes
   */
  readonly healthCheck?: VbrHealthCheckSpec;
}

/**
 * An IDC's VBR attached to its region's TR. Auto-publish is on: the VBR learns every route
 * of the TR table its attachment is associated with, which BGP passes on to the IDC, so
 * the VBR needs no route entries towards the VPCs.
 * @resource alicloud_cen_transit_router_vbr_attachment
 * @resource alicloud_cen_transit_router_route_table_association
 * @resource alicloud_cen_transit_router_route_table_propagation
 * @resource alicloud_cen_vbr_health_check
 */
export class TransitRouterVbrAttachment extends Construct implements ITransitRouterAttachment {
  readonly attachment: CenTransitRouterVbrAttachment;
  readonly routeDependencies: readonly ITerraformDependable[];
  readonly healthCheck?: CenVbrHealthCheck;

  constructor(scope: Construct, id: string, props: TransitRouterVbrAttachmentProps) {
    super(scope, id);
    const tr = props.router;
    this.attachment = new CenTransitRouterVbrAttachment(this, "Attachment", {
      provider: tr.provider,
      cenId: tr.cenId,
      transitRouterId: tr.transitRouterId,
      vbrId: props.vbr.vbrId,
      autoPublishRouteEnabled: true,
      transitRouterAttachmentName: props.name,
      tags: mergeTags(props.name, props.commonTags),
    });
    this.routeDependencies = [this.attachment, ...bind(this, tr, this.attachmentId, true)];
    const h = props.healthCheck;
    if (h) {
      // EnableCenVbrHealthCheck: the target is the customer-side VBR address, interval 2-3 s, 3-8 probes
      this.healthCheck = new CenVbrHealthCheck(this, "HealthCheck", {
        provider: tr.provider,
        cenId: tr.cenId,
        vbrInstanceId: props.vbr.vbrId,
        vbrInstanceRegionId: props.vbr.region,
        healthCheckSourceIp: h.sourceIp,
        healthCheckTargetIp: h.targetIp,
        healthCheckInterval: h.intervalSeconds ?? 2,
        healthyThreshold: h.threshold ?? 8,
        dependsOn: [this.attachment],
      });
    }
  }

  get attachmentId(): string {
    return this.attachment.transitRouterAttachmentId;
  }
}

export interface TransitRouterPeerAttachmentProps {
  /** The TR that creates the attachment (the region the link lists first). */
  readonly local: TransitRouter;
  readonly peer: TransitRouter;
  readonly name: string;
  /** Mbit/s, a throttling cap of pay-by-data-transfer. @default 10 */
  readonly bandwidth?: number;
}

/**
 * An inter-region peer attachment between two TRs, pay-by-data-transfer, associated with
 * each side's table (one association per side, each through its own region's provider)
 * and propagating nothing: routes to the far region are static entries.
 * @resource alicloud_cen_transit_router_peer_attachment
 * @resource alicloud_cen_transit_router_route_table_association
 */
export class TransitRouterPeerAttachment extends Construct implements ITransitRouterAttachment {
  readonly attachment: CenTransitRouterPeerAttachment;
  readonly routeDependencies: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: TransitRouterPeerAttachmentProps) {
    super(scope, id);
    const { local, peer } = props;
    if (local.region === peer.region)
      throw new Error(`peer attachment ${props.name} joins region ${local.region} to itself; allowed: two regions`);
    this.attachment = new CenTransitRouterPeerAttachment(this, "Attachment", {
      provider: local.provider,
      cenId: local.cenId,
      transitRouterId: local.transitRouterId,
      peerTransitRouterId: peer.transitRouterId,
      peerTransitRouterRegionId: peer.region,
      bandwidth: props.bandwidth ?? DEFAULT_PEER_BANDWIDTH,
      bandwidthType: "DataTransfer",
      autoPublishRouteEnabled: false,
      transitRouterAttachmentName: props.name,
    });
    const args = (tr: TransitRouter) => ({
      provider: tr.provider,
      transitRouterAttachmentId: this.attachmentId,
      transitRouterRouteTableId: tr.routeTableId,
    });
    this.routeDependencies = [
      this.attachment,
      new CenTransitRouterRouteTableAssociation(this, "LocalAssociation", args(local)),
      new CenTransitRouterRouteTableAssociation(this, "PeerAssociation", args(peer)),
    ];
  }

  get attachmentId(): string {
    return this.attachment.transitRouterAttachmentId;
  }
}

export interface TransitRouterRouteProps {
  readonly destination: string;
  readonly via: ITransitRouterAttachment;
  /** Route entry name (1–128 characters). */
  readonly name: string;
}

export interface TransitRouterRoutesProps {
  readonly router: TransitRouter;
  readonly routes: readonly TransitRouterRouteProps[];
}

/**
 * Static routes of one TR table, for what nothing propagates (offices behind a VPC's VPN
 * gateway, every destination in another region), chained with `depends_on` so that they
 * are created one at a time, as a VPC table's entries are.
 * @resource alicloud_cen_transit_router_route_entry
 */
export class TransitRouterRoutes extends Construct {
  readonly entries: CenTransitRouterRouteEntry[] = [];

  constructor(scope: Construct, id: string, props: TransitRouterRoutesProps) {
    super(scope, id);
    let previous: CenTransitRouterRouteEntry | undefined;
    for (const r of props.routes) {
      const entry: CenTransitRouterRouteEntry = new CenTransitRouterRouteEntry(this, cidrId(r.destination), {
        provider: props.router.provider,
        transitRouterRouteTableId: props.router.routeTableId,
        transitRouterRouteEntryDestinationCidrBlock: r.destination,
        transitRouterRouteEntryNextHopType: "Attachment",
        transitRouterRouteEntryNextHopId: r.via.attachmentId,
        transitRouterRouteEntryName: r.name,
        dependsOn: [...r.via.routeDependencies, ...(previous ? [previous] : [])],
      });
      this.entries.push(entry);
      previous = entry;
    }
  }
}
