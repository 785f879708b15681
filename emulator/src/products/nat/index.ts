/** NAT product (API 2016-04-28): NAT gateways, EIPs and SNAT entries, as model, views and actions. */
export { natActions as default } from "./actions";
