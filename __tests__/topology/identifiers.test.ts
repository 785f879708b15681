/**
 * Derived identifiers: the same functions the constructs use, and the collisions
 * validation refuses before any construct exists.
 */
import { sharedNat } from "../../config/shared-nat";
import { multinationalHub } from "../../config/multinational-hub";
import { constructId, identifierIssues, plannedRoutes, terraformKey, Topology, validateTopology } from "../../lib/topology";
import { pascal } from "../../lib/private/naming";
import { Draft, mutate, vpcOf } from "./draft";

describe("constructId and terraformKey", () => {
  it.each([
    ["us-office-1", "UsOffice1", "us_office_1"],
    ["ab-1", "Ab1", "ab_1"],
    ["ab1", "Ab1", "ab1"],
    ["a--b", "AB", "a__b"],
  ])("%s -> %s, %s", (name, id, key) => {
    expect([constructId(name), terraformKey(name)]).toEqual([id, key]);
  });

  it("is the very function the constructs name their children with", () => {
    expect(pascal).toBe(constructId);
  });
});

describe("identifierIssues", () => {
  it("finds nothing in the default topologies (the control)", () => {
    expect(identifierIssues(sharedNat(), "shared-nat")).toEqual([]);
    expect(identifierIssues(multinationalHub(), "multinational-hub")).toEqual([]);
  });

  it("accepts a link named like a VPC (links and VPCs are different scopes)", () => {
    // GIVEN a link named like a VPC: different scopes (Links, Vpcs), so no collision
    const t = mutate(sharedNat(), (d) => {
      d.links[0]!.name = "hub-vpc";
    });
    expect(identifierIssues(t, "shared-nat")).toEqual([]);
  });

  it("leaves exact duplicates to validate.ts (one problem, not two)", () => {
    const t = mutate(sharedNat(), (d) => {
      vpcOf(d, "spoke-vpc").name = "hub-vpc";
    });
    expect(identifierIssues(t, "shared-nat")).toEqual([]);
    expect(validateTopology(t).filter((i) => i.path === "shared-nat.vpcs[1].name")).toHaveLength(1);
  });

  it("fails when an account's role ARN variable equals an output name", () => {
    // GIVEN account `vpc-id-x` with a role (variable vpc_id_x_role_arn) and VPC `x-role-arn` (output vpc_id_x_role_arn)
    const t = mutate(sharedNat(), (d: Draft<Topology>) => {
      d.accounts[0]!.name = "vpc-id-x";
      d.accounts[0]!.credentials = { roleArn: "acs:ram::1234567890123456:role/Network" };
      for (const v of d.vpcs) v.account = "vpc-id-x";
      vpcOf(d, "spoke-vpc").name = "x-role-arn";
      if (d.links[0]!.kind === "peering") d.links[0]!.acceptor = "x-role-arn";
      if (d.links[1]!.kind === "shared-nat") d.links[1]!.spokes = ["x-role-arn"];
    });
    expect(identifierIssues(t, "shared-nat")).toEqual([
      expect.objectContaining({
        path: "shared-nat.vpcs[1].name",
        value: "x-role-arn",
        message: expect.stringContaining(
          "derives the Terraform name in the stack (provider alias, variable or output) `vpc_id_x_role_arn`, the same as shared-nat.accounts[0].name",
        ),
      }),
    ]);
  });
});

describe("plannedRoutes", () => {
  it("plans once per topology object and again for another object", () => {
    const a = sharedNat();
    expect(plannedRoutes(a)).toBe(plannedRoutes(a));
    expect(plannedRoutes(sharedNat())).not.toBe(plannedRoutes(a));
  });
});
