/** STS (API 2015-04-01): who the caller is, for data.alicloud_account (alicloud/connectivity/client.go:1703). */
import type { Handler } from "./context";

const handlers: Record<string, Handler> = {
  GetCallerIdentity: (ctx) => ({
    AccountId: ctx.account,
    UserId: ctx.account,
    PrincipalId: ctx.account,
    IdentityType: "Account",
    Arn: `acs:ram::${ctx.account}:root`,
  }),
};
export default handlers;
