/**
 * API defects to plant into synthesized stacks: each is a request the real API refuses
 * (and the provider lets through), with the documented rule, and the error code an e2e
 * run must name when it is caught. The shape is the emulator's planted-defect shape, so
 * the emulator's own list can take this one's place.
 */
import type { MutableStackJson as StackJson } from "../../lib/tfjson";

export interface PlantedDefect {
  readonly name: string;
  /** what it breaks, and the API rule (with its source) that refuses it */
  readonly rule: string;
  /** the stacks it is meant for, by name; the edit still decides */
  readonly stackPattern: RegExp;
  /** changes the stack's JSON in place; returns false when there is nothing to plant into */
  readonly edit: (stack: StackJson) => boolean;
  /** the API error code a caught defect is reported with */
  readonly expectedCode: string;
}

type Body = Record<string, unknown>;

function resources(c: StackJson, type: string): [string, Body][] {
  return Object.entries(c.resource?.[type] ?? {});
}

/** The vSwitches of each VPC reference, in the stack's order. */
function vswitchesByVpc(c: StackJson): Map<string, Body[]> {
  const byVpc = new Map<string, Body[]>();
  for (const [, s] of resources(c, "alicloud_vswitch")) byVpc.set(String(s.vpc_id), [...(byVpc.get(String(s.vpc_id)) ?? []), s]);
  return byVpc;
}

export const API_DEFECTS: readonly PlantedDefect[] = [
  {
    name: "vswitch-outside-vpc",
    stackPattern: /./,
    edit: (c) => {
      const s = resources(c, "alicloud_vswitch")[0]?.[1];
      if (!s) return false;
      // TEST-NET-3 is inside none of the stacks' VPC blocks
      s.cidr_block = "203.0.113.0/24";
      return true;
    },
    expectedCode: "InvalidCidrBlock.Malformed",
    rule: "a vSwitch whose CIDR block lies outside its VPC's; CreateVSwitch API reference, CidrBlock: the block must belong to the VPC's CIDR block",
  },
  {
    name: "vswitch-overlap",
    stackPattern: /./,
    edit: (c) => {
      const pair = [...vswitchesByVpc(c).values()].find((ss) => ss.length >= 2);
      if (!pair) return false;
      (pair[1] as Body).cidr_block = (pair[0] as Body).cidr_block;
      return true;
    },
    expectedCode: "InvalidCidrBlock.Overlapped",
    rule: "two vSwitches of one VPC with the same CIDR block; CreateVSwitch API reference, CidrBlock: must not overlap another vSwitch of the VPC",
  },
  {
    name: "nat-vswitch-other-vpc",
    stackPattern: /shared-nat/,
    edit: (c) => {
      const nat = resources(c, "alicloud_nat_gateway")[0]?.[1];
      if (!nat) return false;
      const other = resources(c, "alicloud_vswitch").find(([, s]) => s.vpc_id !== nat.vpc_id);
      if (!other) return false;
      nat.vswitch_id = `\${alicloud_vswitch.${other[0]}.id}`;
      return true;
    },
    expectedCode: "InvalidVSwitchId.NotBelongToVpc",
    rule: "an enhanced NAT gateway on a vSwitch of another VPC; CreateNatGateway API reference, VSwitchId: a vSwitch of the VPC given by VpcId",
  },
];
