/**
 * lib/tfjson: references parsed, resources indexed, referrers found, provider identity
 * told apart by credentials, outputs, variables and tree reading. The stack below is
 * written by hand in the shape cdktf synthesizes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseRef, parseVar, readSynthTree, refsIn, StackJson, TfStack } from "../../lib/tfjson";

const STACK: StackJson = {
  provider: {
    alicloud: [
      { region: "us-east-1" },
      { alias: "cn", region: "cn-shanghai" },
      { alias: "peer", region: "cn-shanghai", assume_role: [{ role_arn: "acs:ram::123:role/peer" }] },
    ],
  },
  resource: {
    alicloud_vpc: {
      Us_Vpc_1A2B: { vpc_name: "us-vpc", cidr_block: "172.16.0.0/16" },
      Cn_Vpc_3C4D: { vpc_name: "cn-vpc", cidr_block: "192.168.0.0/16", provider: "alicloud.cn" },
      Peer_Vpc: { vpc_name: "peer-vpc", cidr_block: "10.50.0.0/16", provider: "alicloud.peer" },
    },
    alicloud_route_entry: {
      a: { route_table_id: "${alicloud_vpc.Us_Vpc_1A2B.route_table_id}", destination_cidrblock: "10.0.0.0/8" },
      b: { route_table_id: "${alicloud_vpc.Us_Vpc_1A2B.route_table_id}", destination_cidrblock: "10.1.0.0/16" },
      c: { route_table_id: "${alicloud_vpc.Cn_Vpc_3C4D.route_table_id}", destination_cidrblock: "10.2.0.0/16" },
      d: { route_table_id: "${alicloud_vpc.Gone.route_table_id}", destination_cidrblock: "10.3.0.0/16" },
    },
  },
  output: { hub: { value: "${alicloud_vpc.Us_Vpc_1A2B.id}" } },
  variable: { psk_berlin: { type: "string", sensitive: true } },
};

describe("parseRef", () => {
  it("parses a whole-string resource reference into type, name, attribute and address", () => {
    expect(parseRef("${alicloud_vpc.Us_Vpc_1A2B.route_table_id}")).toEqual({
      type: "alicloud_vpc",
      name: "Us_Vpc_1A2B",
      attr: "route_table_id",
      address: "alicloud_vpc.Us_Vpc_1A2B",
    });
  });

  it("accepts hyphens in a resource name", () => {
    expect(parseRef("${alicloud_vpn_connection.office-1.id}")?.name).toBe("office-1");
  });

  it("fails when the value is not one whole reference", () => {
    for (const v of ["alicloud_vpc.a.id", "x ${alicloud_vpc.a.id}", "${alicloud_vpc.a.id} y", "${alicloud_vpc.a}", 7, undefined, null])
      expect(parseRef(v)).toBeUndefined();
  });

  it("fails when the reference is a variable, local, data source or module output", () => {
    for (const v of ["${var.psk}", "${local.x.y}", "${data.alicloud_zones.z.ids}", "${module.m.out}"]) expect(parseRef(v)).toBeUndefined();
  });
});

describe("refsIn", () => {
  it("finds every resource reference inside nested lists, blocks and interpolations, in order", () => {
    const v = {
      a: ["${alicloud_vpc.x.id}", { b: "prefix-${alicloud_vswitch.y.cidr_block}-${var.z}" }],
      c: "${alicloud_eip_address.e.id}",
    };
    expect(refsIn(v).map((r) => `${r.address}.${r.attr}`)).toEqual([
      "alicloud_vpc.x.id",
      "alicloud_vswitch.y.cidr_block",
      "alicloud_eip_address.e.id",
    ]);
  });

  it("finds nothing in plain values", () => {
    expect(refsIn({ a: 1, b: ["x", true], c: null })).toEqual([]);
  });
});

describe("parseVar", () => {
  it("returns the variable's name for a whole `${var.NAME}`", () => {
    expect(parseVar("${var.psk_berlin}")).toBe("psk_berlin");
  });

  it("fails when the value is a literal or a resource reference", () => {
    for (const v of ["secret", "${alicloud_vpc.a.id}", "${var.a} ", 3]) expect(parseVar(v)).toBeUndefined();
  });
});

describe("TfStack", () => {
  const s = new TfStack(STACK);

  it("lists resources of a type in JSON order with their addresses, and none for an absent type", () => {
    expect(s.resources("alicloud_vpc").map((r) => r.address)).toEqual([
      "alicloud_vpc.Us_Vpc_1A2B",
      "alicloud_vpc.Cn_Vpc_3C4D",
      "alicloud_vpc.Peer_Vpc",
    ]);
    expect(s.resources("alicloud_nat_gateway")).toEqual([]);
    expect(s.types()).toEqual(["alicloud_vpc", "alicloud_route_entry"]);
    expect(s.all()).toHaveLength(7);
  });

  it("resolves a reference to the resource it names, checking the type when asked", () => {
    const e = s.resource("alicloud_route_entry", "a")!;
    expect(s.resolve(e.attrs.route_table_id)?.attrs.vpc_name).toBe("us-vpc");
    expect(s.resolve(e.attrs.route_table_id, "alicloud_vpc")?.name).toBe("Us_Vpc_1A2B");
    expect(s.resolve(e.attrs.route_table_id, "alicloud_vswitch")).toBeUndefined();
  });

  it("fails to resolve a reference to a resource the stack does not hold, but still parses it", () => {
    const d = s.get("alicloud_route_entry.d")!;
    expect(s.resolve(d.attrs.route_table_id)).toBeUndefined();
    expect(s.ref(d.attrs.route_table_id)?.address).toBe("alicloud_vpc.Gone");
  });

  it("finds the resources whose field refers to a target", () => {
    expect(s.referrers("alicloud_route_entry", "route_table_id", "alicloud_vpc.Us_Vpc_1A2B").map((r) => r.name)).toEqual(["a", "b"]);
    expect(s.referrers("alicloud_route_entry", "route_table_id", s.get("alicloud_vpc.Cn_Vpc_3C4D")!).map((r) => r.name)).toEqual(["c"]);
    expect(s.referrers("alicloud_route_entry", "route_table_id", "alicloud_vpc.Peer_Vpc")).toEqual([]);
    expect(s.referrers("alicloud_route_entry", "destination_cidrblock", "alicloud_vpc.Us_Vpc_1A2B")).toEqual([]);
  });

  it("gives each resource its provider block: the default without `provider`, the alias it names otherwise", () => {
    const [us, cn, peer] = s.resources("alicloud_vpc").map((r) => s.providerOf(r));
    expect([us?.alias, us?.region]).toEqual([undefined, "us-east-1"]);
    expect([cn?.alias, cn?.region]).toEqual(["cn", "cn-shanghai"]);
    expect(peer?.credentials).toEqual({ assume_role: [{ role_arn: "acs:ram::123:role/peer" }] });
  });

  it("tells accounts apart by credentials, not by region or alias", () => {
    const [us, cn, peer] = s.resources("alicloud_vpc").map((r) => s.providerOf(r)!.account);
    expect(us).toBe(cn);
    expect(peer).not.toBe(us);
  });

  it("treats two credential blocks written in another key order as one account", () => {
    const t = new TfStack({
      provider: {
        alicloud: [
          { alias: "a", profile: "p", assume_role: [{ x: 1, y: 2 }] },
          { alias: "b", assume_role: [{ y: 2, x: 1 }], profile: "p" },
        ],
      },
    });
    const [a, b] = t.providers();
    expect(a!.account).toBe(b!.account);
  });

  it("fails to name a provider when the stack has no block for the alias", () => {
    const t = new TfStack({ resource: { alicloud_vpc: { v: { provider: "alicloud.nowhere" } } } });
    expect(t.providerOf(t.get("alicloud_vpc.v")!)).toBeUndefined();
    expect(t.providers()).toEqual([]);
  });

  it("reads outputs and variables by name", () => {
    expect(s.outputs()).toEqual([{ name: "hub", attrs: { value: "${alicloud_vpc.Us_Vpc_1A2B.id}" } }]);
    expect(s.output("hub")?.value).toBe("${alicloud_vpc.Us_Vpc_1A2B.id}");
    expect(s.variables().map((v) => v.name)).toEqual(["psk_berlin"]);
    expect(s.variable("psk_berlin")?.sensitive).toBe(true);
    expect(s.variable("nope")).toBeUndefined();
  });
});

describe("readSynthTree", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tfjson-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };

  it("reads every stacks/<stack>/cdk.tf.json, sorted by name", () => {
    write("ok/stacks/b/cdk.tf.json", '{"resource":{}}');
    write("ok/stacks/a/cdk.tf.json", "{}");
    expect([...readSynthTree(path.join(dir, "ok"), "base").keys()]).toEqual(["a", "b"]);
  });

  it("fails when the directory has no stacks/, naming the argument and what is allowed", () => {
    fs.mkdirSync(path.join(dir, "empty"), { recursive: true });
    expect(() => readSynthTree(path.join(dir, "empty"), "head")).toThrow(/^head = ".*empty": has no stacks\/ directory; allowed: /);
  });

  it("fails when a stack is not a JSON object, naming the stack", () => {
    write("bad/stacks/s/cdk.tf.json", "[1]");
    expect(() => readSynthTree(path.join(dir, "bad"), "base")).toThrow(/^base stack s = ".*cdk\.tf\.json": is not a JSON object/);
  });
});
