/**
 * Quotas and reserved ranges the API enforces (lib/topology/quotas.ts): refused before
 * anything is emitted, with the quota's name, its default and how to raise it; a raised
 * quota in the topology is honoured.
 */
import { TerraformStack, Testing } from "cdktf";
import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { HybridNetwork } from "../../lib/constructs/hybrid-network";
import { ProviderMatrix } from "../../lib/constructs/providers";
import { planRoutes, QUOTAS, routeQuotaIssues, Topology, TopologyError, validateTopology } from "../../lib/topology";
import { mutate, vpcOf } from "./draft";

/** The hub with `n` extra offices on us-vpc, each a /24 that no neighbour can summarize with. */
function hubWithOffices(n: number, extra: Partial<Topology> = {}): Topology {
  return mutate({ ...multinationalHub(), summarize: false, ...extra }, (d) => {
    for (let i = 0; i < n; i++) {
      const name = `site-${i}`;
      d.offices!.push({
        name,
        publicIp: `47.89.${Math.floor(i / 200)}.${(i % 200) + 1}`,
        cidrs: [`10.${100 + Math.floor(i / 100)}.${(i % 100) * 2}.0/24`],
      });
      d.links.push({ kind: "vpn", name, office: name, vpc: "us-vpc" });
    }
  });
}

function build(t: Topology): HybridNetwork {
  const s = new TerraformStack(Testing.app(), "q");
  return new HybridNetwork(s, "Net", { topology: t, providers: new ProviderMatrix(s, "P", { topology: t }) });
}

describe("route entries per route table (CreateRouteEntry: at most 200 custom entries)", () => {
  it("refuses a plan that needs more custom routes than the quota, naming the quota, its default and how to raise it", () => {
    // GIVEN 200 extra unsummarizable offices on us-vpc: cn-vpc's table needs 200 + 2 + its own
    const t = hubWithOffices(200);
    expect(validateTopology(t)).toEqual([]);
    // WHEN
    const issues = routeQuotaIssues(t, planRoutes(t));
    // THEN
    expect(issues).toHaveLength(2);
    const cn = issues.find((i) => i.value === "cn-vpc")!;
    expect(cn.path).toBe("multinational-hub.vpcs[1]");
    expect(cn.message).toMatch(
      /^needs 205 custom routes in its VPC route table; the custom route entries per route table quota is 200 \(default\); to raise it, request an increase .+ Quota Center, then set `quotas\.routeEntriesPerTable`/,
    );
    expect(cn.message).toContain("allowed: at most 200");
  });

  it("accepts the same plan with a raised quota in the topology", () => {
    const t = hubWithOffices(200, { quotas: { routeEntriesPerTable: 400 } });
    expect(routeQuotaIssues(t, planRoutes(t))).toEqual([]);
  });

  it("accepts exactly the quota", () => {
    // us-vpc: 2 own offices + 2 cn offices + cn-vpc = 5 routes besides the extra ones
    const t = hubWithOffices(195);
    expect(routeQuotaIssues(t, planRoutes(t)).map((i) => i.value)).toEqual([]);
    expect(routeQuotaIssues(hubWithOffices(196), planRoutes(hubWithOffices(196))).map((i) => i.value)).toEqual(["us-vpc", "cn-vpc"]);
  });

  it("stops synthesis with a TopologyError (no construct emitted past the plan)", () => {
    expect(() => build(hubWithOffices(200))).toThrow(TopologyError);
  });

  it("refuses an invalid raised quota", () => {
    const t = { ...multinationalHub(), quotas: { routeEntriesPerTable: 0 } };
    expect(validateTopology(t)).toContainEqual({
      path: "multinational-hub.quotas.routeEntriesPerTable",
      value: 0,
      message: expect.stringContaining("allowed"),
    });
  });
});

describe("rules per security group (AuthorizeSecurityGroup: at most 200, not adjustable)", () => {
  it("refuses a security group that would need more rules, saying the quota cannot be raised", () => {
    // GIVEN routes allowed (raised quota) but 200+ unsummarizable sources for us-vpc's group
    const t = hubWithOffices(200, { quotas: { routeEntriesPerTable: 1000 } });
    // WHEN / THEN
    let err: TopologyError | undefined;
    try {
      build(t);
    } catch (e) {
      err = e as TopologyError;
    }
    expect(err).toBeInstanceOf(TopologyError);
    expect(err!.issues[0]).toMatchObject({ path: "multinational-hub.vpcs[0]", value: "us-vpc" });
    expect(err!.issues[0]!.message).toMatch(
      /needs 20\d ingress rules in its security group; the rules per security group .+ quota is 200 \(default\); Alibaba Cloud does not raise it/,
    );
    expect(QUOTAS.securityGroupRules.default).toBe(200);
  });
});

describe("reserved ranges (CreateRouteEntry, CreateVpc, customer gateway constraints)", () => {
  /* eslint-disable @typescript-eslint/no-explicit-any -- drafts mutated at will */
  it.each([
    [
      "an office in the shared address space",
      (d: any) => {
        d.offices[0].cidrs = ["100.64.10.0/24"];
      },
      "multinational-hub.offices[0].cidrs[0]",
      "100.64.10.0/24",
      "overlaps 100.64.0.0/10, shared address space",
    ],
    [
      "a VPC in link-local space",
      (d: any) => {
        vpcOf(d, "us-vpc").cidr = "169.254.0.0/16";
      },
      "multinational-hub.vpcs[0].cidr",
      "169.254.0.0/16",
      "overlaps 169.254.0.0/16, link-local",
    ],
    [
      "an office block that contains the shared address space",
      (d: any) => {
        d.offices[0].cidrs = ["100.0.0.0/8"];
      },
      "multinational-hub.offices[0].cidrs[0]",
      "100.0.0.0/8",
      "overlaps 100.64.0.0/10",
    ],
    /* eslint-enable @typescript-eslint/no-explicit-any */
  ])("refuses %s", (_, change, path, value, message) => {
    const t = mutate(multinationalHub(), change);
    expect(validateTopology(t)).toContainEqual({ path, value, message: expect.stringContaining(message) });
  });
});
