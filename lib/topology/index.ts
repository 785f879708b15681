export * from "./types";
export * from "./ipsec";
export * from "./issues";
export * from "./validate";
export * from "./plan";
export * from "./cidr";
export * from "./regions";
export * from "./schema";
