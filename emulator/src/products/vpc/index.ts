/** VPC product (API 2016-04-28): VPCs, vSwitches, route tables and route entries, as model, views and actions. */
export { vpcActions as default } from "./actions";
export { addRouteEntry, createSystemRouteTable, deleteSystemRouteTable, systemRouteTable, vpcOf } from "./model";
