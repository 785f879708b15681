export * from "./providers";
export * from "./vpc-network";
export * from "./route-table-entries";
export * from "./vpc-peering";
export * from "./router-interface-pair";
export * from "./network-security-group";
export * from "./shared-nat-gateway";
export * from "./hybrid-network";
