export * from "./policy-checks";
export * from "./schema-facts";
