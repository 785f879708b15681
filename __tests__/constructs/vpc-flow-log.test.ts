import { App, TerraformStack, Testing } from "cdktf";
import { seedSelection as selectTopologies } from "../fixtures/seeds";
import { providerSchemaFacts } from "../../config/provider-schema";
import { READ_DRIFT } from "../../lib/facts/apply-fidelity";
import { VpcFlowLog } from "../../lib/constructs/vpc-flow-log";
import { VpcNetwork, VpcNetworkProps } from "../../lib/constructs/vpc-network";
import { FLOW_LOG_EXEMPTION, policyExemptions, PolicyRule } from "../../lib/policy";
import { FlowLogTrafficType, Topology, validateTopology } from "../../lib/topology";
import { stacksFor } from "../../stacks";
import { mutate, vpcOf } from "../topology/draft";
import { aliasedProvider, newStack, only, ref, synthJson } from "./tf-json";

function props(stack: TerraformStack, overrides: Partial<VpcNetworkProps> = {}): VpcNetworkProps {
  return {
    name: "app-vpc",
    region: "cn-hangzhou",
    cidrBlock: "10.1.0.0/16",
    vswitches: [{ name: "app-a", zone: "cn-hangzhou-h", cidr: "10.1.0.0/24" }],
    provider: aliasedProvider(stack, "main", "cn-hangzhou"),
    commonTags: { Environment: "dev" },
    ...overrides,
  };
}

describe("VpcFlowLog (VpcNetwork `flowLog`)", () => {
  it("writes the VPC's flow log to a logstore in an SLS project it creates, on the VPC's provider", () => {
    // GIVEN a VPC with a flow log
    const stack = newStack();
    new VpcNetwork(stack, "AppVpc", props(stack, { flowLog: { slsProject: "acme-app-vpc-flow", retentionDays: 180 } }));
    // WHEN synthesized
    const tf = synthJson(stack);
    // THEN project, logstore and flow log reference each other and the VPC
    const vpc = only(tf, "alicloud_vpc");
    const project = only(tf, "alicloud_log_project");
    const store = only(tf, "alicloud_log_store");
    const flow = only(tf, "alicloud_vpc_flow_log");
    expect(project.body).toMatchObject({
      project_name: "acme-app-vpc-flow",
      provider: "alicloud.main_cn_hangzhou",
      tags: { Name: "acme-app-vpc-flow", Environment: "dev" },
    });
    expect(store.body).toMatchObject({
      project_name: ref("alicloud_log_project", project.key, "project_name"),
      logstore_name: "app-vpc-flow-log",
      retention_period: 180,
      encrypt_conf: { enable: true, encrypt_type: "default" },
    });
    expect(flow.body).toMatchObject({
      resource_type: "VPC",
      resource_id: ref("alicloud_vpc", vpc.key, "id"),
      traffic_type: "All",
      project_name: ref("alicloud_log_project", project.key, "project_name"),
      log_store_name: ref("alicloud_log_store", store.key, "logstore_name"),
      flow_log_name: "app-vpc-flow-log",
      provider: "alicloud.main_cn_hangzhou",
    });
  });

  it("keeps 30 days and all traffic by default, and records only the chosen traffic when asked", () => {
    const stack = newStack();
    new VpcNetwork(stack, "AppVpc", props(stack, { flowLog: { slsProject: "acme-app-vpc-flow", trafficType: FlowLogTrafficType.DROP } }));
    const tf = synthJson(stack);
    expect(only(tf, "alicloud_log_store").body.retention_period).toBe(30);
    expect(only(tf, "alicloud_vpc_flow_log").body).toMatchObject({ traffic_type: "Drop", description: "Drop traffic of VPC app-vpc" });
  });

  it("records the cost exemption from vpc-flow-logs-enabled on a VPC without a flow log, and none on one with", () => {
    const a = newStack();
    new VpcNetwork(a, "AppVpc", props(a));
    expect(policyExemptions(a)).toEqual([{ path: "test/AppVpc/Resource", rule: PolicyRule.VPC_FLOW_LOGS, reason: FLOW_LOG_EXEMPTION }]);
    const b = newStack();
    new VpcNetwork(b, "AppVpc", props(b, { flowLog: { slsProject: "acme-app-vpc-flow" } }));
    expect(policyExemptions(b)).toEqual([]);
  });

  it("sets or ignores every attribute Read fills on its three types, as lib/facts/apply-fidelity.ts records", () => {
    const stack = newStack();
    new VpcNetwork(stack, "AppVpc", props(stack, { flowLog: { slsProject: "acme-app-vpc-flow" } }));
    const tf = synthJson(stack);
    const findings = READ_DRIFT.filter((f) => ["alicloud_vpc_flow_log", "alicloud_log_project", "alicloud_log_store"].includes(f.resource));
    expect(findings.length).toBe(13);
    for (const f of findings) {
      expect([f.resource, f.attribute, f.handling]).toEqual([f.resource, f.attribute, "opt-in"]);
      const body = only(tf, f.resource).body;
      const ignored = ((body.lifecycle?.ignore_changes ?? []) as string[]).includes(f.attribute);
      const set = body[f.attribute] !== undefined;
      // The finding's reason says which: "lists it in ignore_changes" or "sets ..."/"names ...".
      expect([f.resource, f.attribute, f.reason.includes("ignore_changes") ? ignored : set]).toEqual([f.resource, f.attribute, true]);
    }
  });

  it("fails when `slsProject` is not an SLS project name", () => {
    const stack = newStack();
    expect(
      () =>
        new VpcFlowLog(stack, "F", {
          vpcName: "app-vpc",
          vpcId: "vpc-1",
          provider: aliasedProvider(stack, "main", "cn-hangzhou"),
          slsProject: "Acme_Flow",
        }),
    ).toThrow(/`slsProject` "Acme_Flow" of VPC app-vpc's flow log is not an SLS project name; allowed: 3–63 lowercase letters/);
  });

  it("fails when `retentionDays` is outside 1–3650", () => {
    const stack = newStack();
    expect(
      () =>
        new VpcFlowLog(stack, "F", {
          vpcName: "app-vpc",
          vpcId: "vpc-1",
          provider: aliasedProvider(stack, "main", "cn-hangzhou"),
          slsProject: "acme-flow",
          retentionDays: 0,
        }),
    ).toThrow(/`retentionDays` 0 of VPC app-vpc's flow log is out of range; allowed: an integer 1–3650/);
  });
});

describe("topology `flowLog`", () => {
  const withFlowLog = (slsProject: string, extra: { retentionDays?: number } = {}): Topology =>
    mutate(selectTopologies()["shared-nat"], (d) => {
      vpcOf(d, "hub-vpc").flowLog = { slsProject, ...extra };
    });

  it("turns the hub VPC's flow log on in the shared-NAT stack: policy passes, the hub is not exempted, the spoke still is", () => {
    // GIVEN the shared-NAT topology with a flow log on the hub
    const app: App = Testing.app();
    stacksFor(app, { ...selectTopologies(), "shared-nat": withFlowLog("acme-hub-vpc-flow") }, "dev", { policy: providerSchemaFacts() });
    const stack = app.node.findChild("shared-nat-dev") as TerraformStack;
    // WHEN synthesized with the policy checks
    const tf = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const errors = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error"));
    // THEN one flow log, no policy error, and the exemption only on the spoke
    expect(Object.keys(tf.resource.alicloud_vpc_flow_log ?? {})).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(
      policyExemptions(stack)
        .filter((e) => e.rule === PolicyRule.VPC_FLOW_LOGS)
        .map((e) => e.path),
    ).toEqual(["shared-nat-dev/Network/Vpcs/SpokeVpc/Resource"]);
  });

  it("fails when `flowLog.slsProject` is not an SLS project name, or is used by two VPCs, or retention is out of range", () => {
    expect(validateTopology(withFlowLog("x"))).toEqual([
      {
        path: "shared-nat.vpcs[0].flowLog.slsProject",
        value: "x",
        message: expect.stringMatching(/allowed: 3–63 lowercase letters, digits and hyphens/),
      },
    ]);
    const twice = mutate(withFlowLog("acme-flow"), (d) => {
      vpcOf(d, "spoke-vpc").flowLog = { slsProject: "acme-flow" };
    });
    expect(validateTopology(twice)).toEqual([
      {
        path: "shared-nat.vpcs[1].flowLog.slsProject",
        value: "acme-flow",
        message: expect.stringMatching(/is also shared-nat\.vpcs\[0\]\.flowLog\.slsProject; allowed: one project per VPC/),
      },
    ]);
    expect(validateTopology(withFlowLog("acme-flow", { retentionDays: 4000 }))).toEqual([
      { path: "shared-nat.vpcs[0].flowLog.retentionDays", value: 4000, message: expect.stringMatching(/allowed: an integer 1–3650 days/) },
    ]);
  });
});
