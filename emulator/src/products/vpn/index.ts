/** VPN product (API 2016-04-28): VPN gateways, customer gateways, IPsec connections, VPN routes, as model, views and actions. */
export { vpnActions as default } from "./actions";
