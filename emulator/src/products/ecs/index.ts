/** ECS security groups (API 2014-05-26), as model, views and actions. */
export { ecsActions as default } from "./actions";
