export * from "./policy-checks";
export * from "./schema-facts";
export * from "./infraguard-checks";
export * from "./infraguard-coverage";
