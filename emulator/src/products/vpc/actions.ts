/** VPC product actions: parse the request, call the model, answer with a view. */
import { checkVpcCidr } from "../checks";
import { matching, mine, mustGet, opt, paged, req, setGiven, type Handler } from "../context";
import { createRouteEntry, createVpc, createVSwitch, deleteRouteEntry, deleteVpc, deleteVSwitch, entriesOf, vpcOf } from "./model";
import {
  routeEntryListView,
  routeTableListView,
  routeTableView,
  vpcAttributeView,
  vpcListView,
  vswitchAttributeView,
  vswitchListView,
} from "./views";

const vswitch = (ctx: Parameters<Handler>[0]) => mustGet(ctx, "vswitch", req(ctx, "VSwitchId"), "InvalidVSwitchId.NotFound");

export const vpcActions: Record<string, Handler> = {
  CreateVpc: (ctx) => {
    const cidr = opt(ctx, "CidrBlock") ?? "172.16.0.0/12";
    checkVpcCidr(cidr);
    const rg = opt(ctx, "ResourceGroupId") ?? "rg-emu-default";
    const v = createVpc(ctx, cidr, opt(ctx, "VpcName") ?? "", opt(ctx, "Description") ?? "", rg);
    return { VpcId: v.id, VRouterId: v.attrs.VRouterId, RouteTableId: v.attrs.RouteTableId, ResourceGroupId: "rg-emu-default" };
  },
  DescribeVpcAttribute: (ctx) => vpcAttributeView(ctx, vpcOf(ctx, req(ctx, "VpcId"))),
  DescribeVpcs: (ctx) => {
    const id = opt(ctx, "VpcId");
    const vs = mine(ctx, "vpc").filter((v) => !id || id.split(",").includes(v.id));
    return paged(ctx, vs, "Vpcs", "Vpc", (v) => vpcListView(ctx, v));
  },
  ModifyVpcAttribute: (ctx) => {
    setGiven(ctx, vpcOf(ctx, req(ctx, "VpcId")).attrs, ["VpcName", "Description"]);
    return {};
  },
  DeleteVpc: (ctx) => {
    deleteVpc(ctx, vpcOf(ctx, req(ctx, "VpcId")));
    return {};
  },
  CreateVSwitch: (ctx) => {
    const v = vpcOf(ctx, req(ctx, "VpcId"));
    const s = createVSwitch(
      ctx,
      v,
      req(ctx, "CidrBlock"),
      req(ctx, "ZoneId"),
      opt(ctx, "VSwitchName") ?? "",
      opt(ctx, "Description") ?? "",
    );
    return { VSwitchId: s.id };
  },
  DescribeVSwitchAttributes: (ctx) => vswitchAttributeView(ctx, vswitch(ctx)),
  DescribeVSwitches: (ctx) => {
    const vs = matching(ctx, "vswitch", { VSwitchId: (s) => s.id, VpcId: (s) => s.attrs.VpcId });
    return paged(ctx, vs, "VSwitches", "VSwitch", (s) => vswitchListView(ctx, s));
  },
  ModifyVSwitchAttribute: (ctx) => {
    setGiven(ctx, vswitch(ctx).attrs, ["VSwitchName", "Description"]);
    return {};
  },
  DeleteVSwitch: (ctx) => {
    deleteVSwitch(ctx, vswitch(ctx));
    return {};
  },
  DescribeRouteTableList: (ctx) => {
    const ts = matching(ctx, "routeTable", { VpcId: (t) => t.attrs.VpcId, RouteTableId: (t) => t.id });
    return paged(ctx, ts, "RouterTableList", "RouterTableListType", (t) => routeTableListView(ctx, t));
  },
  DescribeRouteTables: (ctx) => {
    const rtId = opt(ctx, "RouteTableId");
    const vr = opt(ctx, "VRouterId") ?? opt(ctx, "RouterId");
    const ts = mine(ctx, "routeTable").filter((t) => (!rtId || t.id === rtId) && (!vr || t.attrs.VRouterId === vr));
    return paged(ctx, ts, "RouteTables", "RouteTable", (t) => routeTableView(ctx, t));
  },
  CreateRouteEntry: (ctx) => {
    // the route table in the caller's account and the request's region
    const table = mustGet(ctx, "routeTable", req(ctx, "RouteTableId"), "InvalidRouteTableId.NotFound");
    const name = opt(ctx, "RouteEntryName") ?? "";
    const e = createRouteEntry(
      ctx,
      table,
      req(ctx, "DestinationCidrBlock"),
      req(ctx, "NextHopType"),
      req(ctx, "NextHopId"),
      name,
      opt(ctx, "Description") ?? "",
    );
    return { RouteEntryId: e.id };
  },
  DeleteRouteEntry: (ctx) => {
    const by = {
      rtId: opt(ctx, "RouteTableId"),
      id: opt(ctx, "RouteEntryId"),
      dest: opt(ctx, "DestinationCidrBlock"),
      nextHop: opt(ctx, "NextHopId"),
    };
    deleteRouteEntry(ctx, by);
    return {};
  },
  DescribeRouteEntryList: (ctx) => {
    const id = opt(ctx, "RouteEntryId");
    const es = entriesOf(ctx, req(ctx, "RouteTableId")).filter((e) => !id || e.id === id);
    return { RouteEntrys: { RouteEntry: es.map((e) => routeEntryListView(ctx, e)) }, TotalCount: es.length };
  },
};
