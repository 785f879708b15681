import * as fs from "fs";
import { describeDrift } from "../../emulator/e2e/drift";
import { dummyKeyId, overrideFor } from "../../emulator/e2e/override";
import { plantByName, PLANTS } from "../../emulator/e2e/plant";
import { fixturesFor, teardownOverride } from "../../emulator/e2e/run";
import { accountUid } from "../../emulator/src/server";
import { VARIANTS } from "../../emulator/e2e/variants";

describe("e2e override", () => {
  test("points every provider block at the loopback emulator with dummy keys, one account per profile", () => {
    const o = overrideFor(
      [
        { alias: "requester_cn_hangzhou", profile: "requester" },
        { alias: "acceptor_cn_hangzhou", profile: "acceptor" },
        { alias: "main_cn_beijing" },
      ],
      4321,
    ) as { provider: { alicloud: Record<string, unknown>[] } };
    expect(o.provider.alicloud).toHaveLength(3);
    for (const p of o.provider.alicloud) {
      expect(p).toMatchObject({ protocol: "HTTP", account_type: "Domestic", secret_key: "emulator-dummy-secret" });
      expect((p.endpoints as Record<string, string>[])[0]).toEqual({
        vpc: "127.0.0.1:4321",
        ecs: "127.0.0.1:4321",
        vpcpeer: "127.0.0.1:4321",
        cbn: "127.0.0.1:4321",
        sts: "127.0.0.1:4321",
      });
    }
    expect(o.provider.alicloud.map((p) => p.access_key)).toEqual(["emu-requester", "emu-acceptor", "emu-main"]);
    expect(o.provider.alicloud.map((p) => p.alias)).toEqual(["requester_cn_hangzhou", "acceptor_cn_hangzhou", "main_cn_beijing"]);
  });

  test("fails when the port is not a port", () => {
    expect(() => overrideFor([], 0)).toThrow(/emulator port 0/);
  });
});

describe("drift report", () => {
  test("names the attribute that forces a replacement, with its values", () => {
    const lines = describeDrift({
      resource_changes: [
        {
          address: "alicloud_vpc_peer_connection.p",
          change: {
            actions: ["delete", "create"],
            before: { accepting_ali_uid: 123, status: "Activated" },
            after: { accepting_ali_uid: null },
            after_unknown: { status: true },
            replace_paths: [["accepting_ali_uid"]],
          },
        },
        { address: "alicloud_vpc.v", change: { actions: ["no-op"], before: {}, after: {} } },
      ],
    });
    expect(lines).toEqual(["alicloud_vpc_peer_connection.p: accepting_ali_uid 123 -> null (delete+create, forces replacement)"]);
  });

  test("names in-place changes by attribute, leaving out values only known after apply", () => {
    const lines = describeDrift({
      resource_changes: [
        {
          address: "alicloud_express_connect_router_interface.r",
          change: { actions: ["update"], before: { hc_rate: 2000, name: "a" }, after: { hc_rate: null, name: "a" }, after_unknown: {} },
        },
      ],
    });
    expect(lines).toEqual(["alicloud_express_connect_router_interface.r: hc_rate 2000 -> null (update)"]);
  });
});

describe("teardown and fixtures", () => {
  const config = {
    provider: { alicloud: [{ alias: "main_cn_beijing", region: "cn-beijing" }] },
    resource: {
      alicloud_eip_address: { e: { deletion_protection: true, lifecycle: { prevent_destroy: true } } },
      alicloud_vpc: { v: { cidr_block: "10.0.0.0/16" } },
      alicloud_express_connect_virtual_border_router: {
        vbr: { physical_connection_id: "pc-line1", provider: "alicloud.main_cn_beijing" },
        ref: { physical_connection_id: "${alicloud_x.y.id}" },
      },
      alicloud_express_connect_router_interface: { ri: { opposite_access_point_id: "ap-cn-beijing-ft-A" } },
    },
  };

  test("lifts deletion protection and prevent_destroy only where they are set", () => {
    const t = teardownOverride(config);
    expect(t?.addresses).toEqual(["alicloud_eip_address.e"]);
    expect(t?.override).toEqual({
      resource: { alicloud_eip_address: { e: { deletion_protection: false, lifecycle: { prevent_destroy: false } } } },
    });
    expect(teardownOverride({ resource: { alicloud_vpc: { v: {} } } })).toBeUndefined();
  });

  test("seeds the leased line a VBR names literally, owned by the VBR's account and region", () => {
    expect(fixturesFor(config)).toEqual([
      {
        id: "pc-line1",
        owner: accountUid(dummyKeyId({ alias: "main_cn_beijing" })),
        region: "cn-beijing",
        accessPointId: "ap-cn-beijing-ft-A",
      },
    ]);
  });
});

describe("e2e fixtures for a data center on two lines", () => {
  test("each line's leased line is seeded once, the second on a second access point", () => {
    const config = {
      provider: { alicloud: [{ alias: "main_cn_beijing", region: "cn-beijing" }] },
      resource: {
        alicloud_express_connect_virtual_border_router: {
          l1: { physical_connection_id: "pc-1", provider: "alicloud.main_cn_beijing" },
          l2: { physical_connection_id: "pc-2", provider: "alicloud.main_cn_beijing" },
          again: { physical_connection_id: "pc-1", provider: "alicloud.main_cn_beijing" },
        },
      },
    };
    expect(fixturesFor(config).map((f) => [f.id, f.accessPointId])).toEqual([
      ["pc-1", "ap-emulator-fixture"],
      ["pc-2", "ap-emulator-fixture-2"],
    ]);
  });
});

describe("planted findings", () => {
  test("each plant changes a stack that has the resource and leaves others alone", () => {
    const withPeering = { resource: { alicloud_vpc_peer_connection: { p: { accepting_ali_uid: "1" } } } };
    expect(plantByName("peering-without-acceptor-uid").apply(withPeering)).toBe(true);
    expect(withPeering.resource.alicloud_vpc_peer_connection.p).toEqual({});
    expect(plantByName("nat-default-route").apply({ resource: { alicloud_vpc: {} } })).toBe(false);
    const withNat = { resource: { alicloud_nat_gateway: { n: { vpc_id: "${alicloud_vpc.hub.id}", provider: "alicloud.main" } } } } as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(plantByName("nat-default-route").apply(withNat)).toBe(true);
    expect(withNat.resource.alicloud_route_entry?.Planted_NatDefaultRoute).toMatchObject({
      route_table_id: "${alicloud_vpc.hub.route_table_id}",
      destination_cidrblock: "0.0.0.0/0",
      nexthop_id: "${alicloud_nat_gateway.n.id}",
    });
  });

  test("fails on an unknown plant, listing the known ones", () => {
    expect(() => plantByName("nope")).toThrow(new RegExp(PLANTS.map((p) => p.name).join(", ")));
  });
});

describe("e2e options", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseArgs, checkRealAccount, UsageError } = require("../../emulator/e2e/run") as typeof import("../../emulator/e2e/run");

  test("fails when an option value is out of range, naming the option, the value and what is allowed", () => {
    expect(() => parseArgs(["--fault-rate", "2"])).toThrow(/--fault-rate = "2": allowed: a number from 0 to 0.5/);
    expect(() => parseArgs(["--colour", "red"])).toThrow(/unknown option --colour/);
    expect(() => parseArgs(["--plant", "nope"])).toThrow(UsageError);
  });

  test("refuses --real-account without real credentials, and emulator-only options with it", () => {
    const real = parseArgs(["--real-account"]);
    expect(() => checkRealAccount(real, {})).toThrow(/needs ALIBABA_CLOUD_ACCESS_KEY_ID/);
    expect(() => checkRealAccount(real, { ALIBABA_CLOUD_ACCESS_KEY_ID: "a", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "b" })).not.toThrow();
    expect(() =>
      checkRealAccount(parseArgs(["--real-account", "--fault-rate", "0.1"]), {
        ALIBABA_CLOUD_ACCESS_KEY_ID: "a",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "b",
      }),
    ).toThrow(/emulator features/);
    // without the flag, credentials in the environment change nothing: the emulator is used
    expect(parseArgs([]).realAccount).toBe(false);
    expect(() => checkRealAccount(parseArgs([]), { ALIBABA_CLOUD_ACCESS_KEY_ID: "a" })).not.toThrow();
  });
});

describe("e2e variants", () => {
  test("every topology in examples/ is a variant that runs the stack of the scenario it replaces", () => {
    const files = fs.readdirSync("examples").filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const v = VARIANTS[`example-${f.replace(/\.json$/, "")}`];
      const name = (JSON.parse(fs.readFileSync(`examples/${f}`, "utf8")) as { name: string }).name;
      expect(v?.env.TOPOLOGY_FILE).toMatch(new RegExp(`examples/${f.replace(".", "\\.")}$`));
      expect(v?.stacks.test(`${name}-dev`)).toBe(true);
      expect(v?.stacks.test(`not-${name}-dev`)).toBe(false);
    }
  });
});
