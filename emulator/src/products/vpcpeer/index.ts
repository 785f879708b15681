/** VpcPeer (API 2022-01-01): VPC peering connections, as model, views and actions. */
export { vpcPeerActions as default } from "./actions";
