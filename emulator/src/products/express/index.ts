/** Express Connect (API 2016-04-28): VBRs, router interfaces and BGP, as model, views and actions. */
export { expressActions as default } from "./actions";
export { seedPhysicalConnection } from "./model";
