import { Testing, TerraformStack } from "cdktf";
import { configureStateBackend } from "../../lib/constructs/state-backend";

function warnings(stack: TerraformStack): string[] {
  return stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}

const OSS = {
  kind: "oss",
  region: "cn-hangzhou",
  tablestoreEndpoint: "https://lock.cn-hangzhou.ots.aliyuncs.com",
  tablestoreTable: "locks",
} as const;

describe("configureStateBackend", () => {
  it("warns when the OSS bucket is a placeholder (example-...), like the other placeholders", () => {
    // GIVEN the prod overlay's placeholder bucket
    const stack = new TerraformStack(Testing.app(), "s");
    // WHEN
    configureStateBackend(stack, "shared-nat-prod", { ...OSS, bucket: "example-hybrid-network-tfstate" });
    // THEN
    expect(warnings(stack)).toEqual([expect.stringMatching(/placeholder bucket example-hybrid-network-tfstate.*config\/environments\.ts/)]);
  });

  it("does not warn for a real bucket or local state", () => {
    const oss = new TerraformStack(Testing.app(), "a");
    configureStateBackend(oss, "shared-nat-prod", { ...OSS, bucket: "acme-tfstate" });
    const local = new TerraformStack(Testing.app(), "b");
    configureStateBackend(local, "shared-nat-dev", { kind: "local" });
    expect([...warnings(oss), ...warnings(local)]).toEqual([]);
  });
});
