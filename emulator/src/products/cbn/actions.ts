/**
 * Cbn (CEN, 2017-09-12) actions the pinned provider calls for alicloud_cen_instance,
 * alicloud_cen_transit_router and its route table, VPC / VBR / peer attachment, association,
 * propagation and route entry resources (the call sites are in emulator/models/cbn-actions.json):
 * parse the request, call the model, answer with a view.
 */
import { healthCheckActions } from "./health-checks";
import { flatList, opt, page, req, setGiven, tagHandlers, type Ctx, type Handler } from "../context";
import {
  associate,
  createPeerAttachment,
  createRouteEntry,
  createVbrAttachment,
  createVpcAttachment,
  deleteAttachment,
  deleteRouteEntry,
  dissociate,
} from "./attachments";
import {
  attachmentOf,
  cenOf,
  createCen,
  createRouteTable,
  createTransitRouter,
  deleteCen,
  deleteRouteTable,
  deleteTransitRouter,
  owned,
  tableOf,
  trOf,
  type CbnKind,
} from "./model";
import {
  bindingView,
  cenView,
  listed,
  peerAttachmentView,
  routeEntryView,
  routeTableView,
  transitRouterView,
  vbrAttachmentView,
  vpcAttachmentView,
} from "./views";

/** Records of `kind` matching every filter given in the request (a filter absent matches all). */
function filtered(ctx: Ctx, kind: CbnKind, filters: readonly string[], regional = true): ReturnType<typeof owned> {
  return owned(ctx, kind).filter(
    (r) =>
      filters.every((f) => opt(ctx, f) === undefined || r.attrs[f] === opt(ctx, f)) &&
      (!regional || !ctx.region || r.region === ctx.region),
  );
}

const cenActions: Record<string, Handler> = {
  CreateCen: (ctx) => ({
    CenId: createCen(ctx, opt(ctx, "Name") ?? "", opt(ctx, "Description") ?? "", opt(ctx, "ProtectionLevel") ?? "REDUCED").id,
  }),
  DescribeCens: (ctx) => {
    const ids = flatList(ctx, "Filter")
      .filter((f) => f.Key === "CenId")
      .flatMap((f) =>
        Object.entries(f)
          .filter(([k]) => k.startsWith("Value."))
          .map(([, v]) => v),
      );
    const cens = owned(ctx, "cen").filter((c) => ids.length === 0 || ids.includes(c.id));
    const p = page(ctx, cens);
    return { Cens: { Cen: p.items.map((c) => cenView(ctx, c)) }, PageNumber: p.PageNumber, PageSize: p.PageSize, TotalCount: p.TotalCount };
  },
  ModifyCenAttribute: (ctx) => {
    setGiven(ctx, cenOf(ctx, req(ctx, "CenId")).attrs, ["Name", "Description", "ProtectionLevel"]);
    return {};
  },
  DeleteCen: (ctx) => {
    deleteCen(ctx, cenOf(ctx, req(ctx, "CenId")));
    return {};
  },
};

const trActions: Record<string, Handler> = {
  CreateTransitRouter: (ctx) => {
    const cen = cenOf(ctx, req(ctx, "CenId"));
    const tr = createTransitRouter(
      ctx,
      cen,
      opt(ctx, "TransitRouterName") ?? "",
      opt(ctx, "TransitRouterDescription") ?? "",
      opt(ctx, "SupportMulticast") === "true",
    );
    return { TransitRouterId: tr.id };
  },
  ListTransitRouters: (ctx) => {
    const trs = filtered(ctx, "transitRouter", ["CenId", "TransitRouterId", "TransitRouterName"]);
    const p = page(ctx, trs);
    return {
      TransitRouters: p.items.map((t) => transitRouterView(ctx, t)),
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
  UpdateTransitRouter: (ctx) => {
    setGiven(ctx, trOf(ctx, req(ctx, "TransitRouterId")).attrs, ["TransitRouterName", "TransitRouterDescription"]);
    return {};
  },
  DeleteTransitRouter: (ctx) => {
    deleteTransitRouter(ctx, trOf(ctx, req(ctx, "TransitRouterId")));
    return {};
  },
  CreateTransitRouterRouteTable: (ctx) => {
    const tr = trOf(ctx, req(ctx, "TransitRouterId"));
    const t = createRouteTable(
      ctx,
      tr,
      opt(ctx, "TransitRouterRouteTableName") ?? "",
      opt(ctx, "TransitRouterRouteTableDescription") ?? "",
    );
    return { TransitRouterRouteTableId: t.id };
  },
  ListTransitRouterRouteTables: (ctx) => {
    const trId = opt(ctx, "TransitRouterId");
    if (trId) trOf(ctx, trId);
    const ids = flatList(ctx, "TransitRouterRouteTableIds").map((x) => x._);
    const ts = filtered(ctx, "trRouteTable", ["TransitRouterId", "TransitRouterRouteTableType"], false).filter(
      (t) => ids.length === 0 || ids.includes(t.id),
    );
    return listed(ctx, "TransitRouterRouteTables", ts, (t) => routeTableView(ctx, t));
  },
  UpdateTransitRouterRouteTable: (ctx) => {
    setGiven(ctx, tableOf(ctx, req(ctx, "TransitRouterRouteTableId")).attrs, [
      "TransitRouterRouteTableName",
      "TransitRouterRouteTableDescription",
    ]);
    return {};
  },
  DeleteTransitRouterRouteTable: (ctx) => {
    deleteRouteTable(ctx, tableOf(ctx, req(ctx, "TransitRouterRouteTableId")));
    return {};
  },
};

const ATTACHMENT_FILTERS = ["CenId", "TransitRouterAttachmentId", "TransitRouterId"] as const;
const renameAttachment: Handler = (ctx) => {
  const att = attachmentOf(ctx, req(ctx, "TransitRouterAttachmentId"));
  setGiven(ctx, att.attrs, [
    "TransitRouterAttachmentName",
    "TransitRouterAttachmentDescription",
    "BandwidthType",
    "CenBandwidthPackageId",
    "DefaultLinkType",
  ]);
  if (opt(ctx, "AutoPublishRouteEnabled") !== undefined) att.attrs.AutoPublishRouteEnabled = opt(ctx, "AutoPublishRouteEnabled") === "true";
  if (opt(ctx, "Bandwidth") !== undefined) att.attrs.Bandwidth = Number(opt(ctx, "Bandwidth"));
  return {};
};
const removeAttachment: Handler = (ctx) => {
  deleteAttachment(ctx, attachmentOf(ctx, req(ctx, "TransitRouterAttachmentId")));
  return {};
};

const attachmentActions: Record<string, Handler> = {
  CreateTransitRouterVpcAttachment: (ctx) => ({ TransitRouterAttachmentId: createVpcAttachment(ctx).id }),
  ListTransitRouterVpcAttachments: (ctx) =>
    listed(ctx, "TransitRouterAttachments", filtered(ctx, "trVpcAttachment", [...ATTACHMENT_FILTERS, "VpcId"]), (a) =>
      vpcAttachmentView(ctx, a),
    ),
  UpdateTransitRouterVpcAttachmentAttribute: renameAttachment,
  DeleteTransitRouterVpcAttachment: removeAttachment,
  CreateTransitRouterVbrAttachment: (ctx) => ({ TransitRouterAttachmentId: createVbrAttachment(ctx).id }),
  ListTransitRouterVbrAttachments: (ctx) =>
    listed(ctx, "TransitRouterAttachments", filtered(ctx, "trVbrAttachment", ATTACHMENT_FILTERS), (a) => vbrAttachmentView(ctx, a)),
  UpdateTransitRouterVbrAttachmentAttribute: renameAttachment,
  DeleteTransitRouterVbrAttachment: removeAttachment,
  CreateTransitRouterPeerAttachment: (ctx) => ({ TransitRouterAttachmentId: createPeerAttachment(ctx).id }),
  ListTransitRouterPeerAttachments: (ctx) =>
    listed(ctx, "TransitRouterAttachments", filtered(ctx, "trPeerAttachment", ATTACHMENT_FILTERS), (a) => peerAttachmentView(ctx, a)),
  UpdateTransitRouterPeerAttachmentAttribute: renameAttachment,
  DeleteTransitRouterPeerAttachment: removeAttachment,
};

const BINDING_FILTERS = ["TransitRouterAttachmentId", "TransitRouterRouteTableId"] as const;

const routingActions: Record<string, Handler> = {
  AssociateTransitRouterAttachmentWithRouteTable: (ctx) => (associate(ctx, "trAssociation"), {}),
  DissociateTransitRouterAttachmentFromRouteTable: (ctx) => (dissociate(ctx, "trAssociation"), {}),
  ListTransitRouterRouteTableAssociations: (ctx) =>
    listed(ctx, "TransitRouterAssociations", filtered(ctx, "trAssociation", BINDING_FILTERS, false), (x) => bindingView(ctx, x)),
  EnableTransitRouterRouteTablePropagation: (ctx) => (associate(ctx, "trPropagation"), {}),
  DisableTransitRouterRouteTablePropagation: (ctx) => (dissociate(ctx, "trPropagation"), {}),
  ListTransitRouterRouteTablePropagations: (ctx) =>
    listed(ctx, "TransitRouterPropagations", filtered(ctx, "trPropagation", BINDING_FILTERS, false), (x) => bindingView(ctx, x)),
  CreateTransitRouterRouteEntry: (ctx) => ({ TransitRouterRouteEntryId: createRouteEntry(ctx).id }),
  DeleteTransitRouterRouteEntry: (ctx) => (deleteRouteEntry(ctx), {}),
  ListTransitRouterRouteEntries: (ctx) => {
    const table = tableOf(ctx, req(ctx, "TransitRouterRouteTableId"));
    const ids = flatList(ctx, "TransitRouterRouteEntryIds").map((x) => x._);
    const es = owned(ctx, "trRouteEntry").filter(
      (e) => e.attrs.TransitRouterRouteTableId === table.id && (ids.length === 0 || ids.includes(e.id)),
    );
    return listed(ctx, "TransitRouterRouteEntries", es, (e) => routeEntryView(ctx, e));
  },
};

export const cbnActions: Record<string, Handler> = {
  ...cenActions,
  ...trActions,
  ...attachmentActions,
  ...routingActions,
  ...healthCheckActions,
  ListTagResources: tagHandlers.ListTagResources as Handler,
  TagResources: tagHandlers.TagResources as Handler,
  // the Cbn spelling of the action (UnTagResources in VPC)
  UntagResources: tagHandlers.UnTagResources as Handler,
};
