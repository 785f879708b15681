import { multinationalHub } from "../fixtures/seeds/multinational-hub";
import { parseTopology, TopologyError } from "../../lib/topology";

/** A parsed JSON/YAML document: untyped by nature, so the tests can break it at will. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately untyped input
type Untyped = Record<string, any>;

/** The topology as it would arrive from a JSON/YAML file: plain, untyped data. */
function untrusted(change: (t: Untyped) => void = () => undefined): unknown {
  const t = JSON.parse(JSON.stringify(multinationalHub())) as Untyped;
  change(t);
  return t;
}

/** The TopologyError `parseTopology(input)` throws; fails the test if it does not throw one. */
function rejection(input: unknown): TopologyError {
  try {
    parseTopology(input);
  } catch (e) {
    if (e instanceof TopologyError) return e;
    throw e;
  }
  throw new Error("parseTopology accepted the input");
}

describe("parseTopology: valid input", () => {
  it("returns the topology for a valid input", () => {
    // GIVEN
    const input = untrusted();
    // WHEN
    const t = parseTopology(input);
    // THEN
    expect(t).toEqual(multinationalHub());
  });
});

describe("parseTopology: unknown fields", () => {
  it("fails when the root has an unknown field, listing the allowed fields", () => {
    // GIVEN
    const input = untrusted((t) => {
      t.region = "us-east-1";
    });
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err.issues).toEqual([
      {
        path: "multinational-hub.region",
        value: "us-east-1",
        message: expect.stringContaining("is not a known field here; allowed: name, accounts, vpcs, offices, idcs, links, tags"),
      },
    ]);
  });

  it("fails when a link has a field of another link kind, listing that kind's fields", () => {
    // GIVEN a vpn link with a peering field
    const input = untrusted((t) => {
      t.links[1].bandwidth = 10;
    });
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err.issues).toEqual([
      {
        path: "multinational-hub.links[1].bandwidth",
        value: 10,
        message: "is not a known field here; allowed: kind, name, office, vpc, ipsec, healthCheck, role, publicIp, slaveTunnelPublicIp",
      },
    ]);
  });

  it("fails when a nested IPsec policy has an unknown field", () => {
    // GIVEN
    const input = untrusted((t) => {
      t.links[1].ipsec = { ikeVersion: "ikev2", dpdTimeout: 30 };
    });
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err.issues).toEqual([
      {
        path: "multinational-hub.links[1].ipsec.dpdTimeout",
        value: 30,
        message: expect.stringContaining("allowed: ikeVersion, ikeMode, ikeEncryption"),
      },
    ]);
  });
});

describe("parseTopology: secrets", () => {
  const SECRET = "hunter2-Sup3rS3cret";

  it.each(["psk", "preSharedKey", "pre_shared_key", "pre-shared-key", "authKey", "bgp-auth-key", "accessKeySecret", "password", "token"])(
    "fails when a field looks like a secret (%s), never echoing it",
    (key) => {
      // GIVEN
      const input = untrusted((t) => {
        t.links[1][key] = SECRET;
      });
      // WHEN
      const err = rejection(input);
      // THEN
      expect(err.issues).toEqual([
        { path: `multinational-hub.links[1].${key}`, value: "(redacted)", message: expect.stringContaining("looks like a secret") },
      ]);
      expect(err.message).not.toContain(SECRET);
      expect(JSON.stringify(err.issues)).not.toContain(SECRET);
    },
  );

  it("fails when a secret sits under an unknown field of its own, never echoing it", () => {
    // GIVEN a Terraform-style block pasted in
    const input = untrusted((t) => {
      t.links[1].ikeConfig = { psk: SECRET, ikeVersion: "ikev2" };
    });
    // WHEN
    const err = rejection(input);
    // THEN the block is echoed with the secret redacted
    expect(err.issues).toEqual([
      {
        path: "multinational-hub.links[1].ikeConfig",
        value: { psk: "(redacted)", ikeVersion: "ikev2" },
        message: expect.stringContaining("is not a known field here"),
      },
    ]);
    expect(err.message).not.toContain(SECRET);
  });

  it("fails when a secret sits in a value of the wrong type, never echoing it", () => {
    // GIVEN an object where a list of CIDRs belongs
    const input = untrusted((t) => {
      t.offices[0].cidrs = { preSharedKey: SECRET };
    });
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err.issues).toEqual([
      { path: "multinational-hub.offices[0].cidrs", value: { preSharedKey: "(redacted)" }, message: "has the wrong type; allowed: array" },
    ]);
    expect(err.message).not.toContain(SECRET);
  });
});

describe("parseTopology: types and enums", () => {
  it.each<[string, (t: Untyped) => void, string, unknown, string]>([
    [
      "a CIDR is a number",
      (t) => {
        t.vpcs[0].cidr = 172;
      },
      "multinational-hub.vpcs[0].cidr",
      172,
      "has the wrong type; allowed: string",
    ],
    [
      "a bandwidth is fractional",
      (t) => {
        t.vpcs[0].vpnGateway.bandwidth = 10.5;
      },
      "multinational-hub.vpcs[0].vpnGateway.bandwidth",
      10.5,
      "has the wrong type; allowed: int",
    ],
    [
      "a bandwidth is a string",
      (t) => {
        t.vpcs[0].vpnGateway.bandwidth = "10";
      },
      "multinational-hub.vpcs[0].vpnGateway.bandwidth",
      "10",
      "has the wrong type; allowed: number",
    ],
    [
      "a list is a string",
      (t) => {
        t.offices[0].cidrs = "10.10.10.0/24";
      },
      "multinational-hub.offices[0].cidrs",
      "10.10.10.0/24",
      "has the wrong type; allowed: array",
    ],
    [
      "a required field is missing",
      (t) => {
        delete t.vpcs[1].region;
      },
      "multinational-hub.vpcs[1].region",
      undefined,
      "is required (string)",
    ],
  ])("fails when %s", (_when, change, path, value, message) => {
    // GIVEN
    const input = untrusted(change);
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err.issues).toEqual([{ path, value, message }]);
  });

  it("fails when an enum value is not a member, listing the members", () => {
    // GIVEN
    const input = untrusted((t) => {
      t.vpcs[0].vpnGateway.paymentType = "Free";
    });
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err.issues).toEqual([
      {
        path: "multinational-hub.vpcs[0].vpnGateway.paymentType",
        value: "Free",
        message: 'is not allowed; allowed: "PayAsYouGo", "Subscription"',
      },
    ]);
  });

  it("fails when an IPsec enum value is not a member", () => {
    // GIVEN
    const input = untrusted((t) => {
      t.links[1].ipsec = { ikeVersion: "ikev3" };
    });
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err.issues).toEqual([
      { path: "multinational-hub.links[1].ipsec.ikeVersion", value: "ikev3", message: 'is not allowed; allowed: "ikev1", "ikev2"' },
    ]);
  });

  it.each<[string, unknown]>([
    ["cen", "cen"],
    ["missing", undefined],
  ])("fails when a link kind is bad (%s)", (_label, kind) => {
    // GIVEN
    const input = untrusted((t) => {
      t.links[0].kind = kind;
    });
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err.issues).toEqual([
      {
        path: "multinational-hub.links[0].kind",
        value: kind,
        message: 'is not a link kind; allowed: "peering", "router-interface", "vbr", "vpn", "shared-nat", "transit-router"',
      },
    ]);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["an array", [1]],
    ["a string", "multinational-hub"],
  ])("fails when the input is %s", (_label, input) => {
    // GIVEN / WHEN
    const err = rejection(input);
    // THEN
    expect(err.topology).toBe("topology");
    expect(err.issues).toEqual([{ path: "topology", value: input, message: "has the wrong type; allowed: object" }]);
  });
});

describe("parseTopology: errors", () => {
  it("fails with every shape problem at once, as a TopologyError", () => {
    // GIVEN three shape problems
    const input = untrusted((t) => {
      t.vpcs[0].cidr = 172;
      t.links[0].kind = "cen";
      t.junk = true;
    });
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err).toBeInstanceOf(TopologyError);
    expect(err.name).toBe("TopologyError");
    expect(err.topology).toBe("multinational-hub");
    expect(err.issues.map((i) => i.path).sort()).toEqual([
      "multinational-hub.junk",
      "multinational-hub.links[0].kind",
      "multinational-hub.vpcs[0].cidr",
    ]);
    expect(err.message).toMatch(/^topology "multinational-hub" is invalid \(3 problems\):/);
  });

  it("fails with semantic problems once the shape is right", () => {
    // GIVEN a well-formed input with a bad CIDR
    const input = untrusted((t) => {
      t.vpcs[0].cidr = "172.16.1.0/16";
    });
    // WHEN
    const err = rejection(input);
    // THEN
    expect(err.issues).toEqual([
      { path: "multinational-hub.vpcs[0].cidr", value: "172.16.1.0/16", message: expect.stringContaining("did you mean 172.16.0.0/16?") },
    ]);
  });

  it("reports only shape problems while the shape is wrong", () => {
    // GIVEN a shape problem and a semantic one
    const input = untrusted((t) => {
      t.vpcs[0].cidr = "172.16.1.0/16";
      t.vpcs[1].cidr = 172;
    });
    // WHEN
    const err = rejection(input);
    // THEN the semantic check did not run on malformed data
    expect(err.issues.map((i) => i.path)).toEqual(["multinational-hub.vpcs[1].cidr"]);
  });
});
