import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { vpcPeeringSameAccount } from "../fixtures/seeds/vpc-peering";
import { loadTopologyFile, TopologyError } from "../../lib/topology";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "topology-load-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text, "utf8");
  return file;
}

/** The TopologyError `loadTopologyFile(file)` throws; fails the test if it does not throw one. */
function rejection(file: string): TopologyError {
  try {
    loadTopologyFile(file);
  } catch (e) {
    if (e instanceof TopologyError) return e;
    throw e;
  }
  throw new Error(`loadTopologyFile accepted ${file}`);
}

const YAML = `# same as config/vpc-peering.ts vpcPeeringSameAccount()
name: vpc-peering-same-account
accounts:
  - name: main
vpcs:
  - name: app-vpc
    account: main
    region: cn-hangzhou
    cidr: 10.1.0.0/16
    vswitches:
      - { name: app-h, zone: cn-hangzhou-h, cidr: 10.1.0.0/24 }
  - name: data-vpc
    account: main
    region: cn-hangzhou
    cidr: 10.2.0.0/16
    vswitches:
      - { name: data-1, zone: cn-hangzhou-i, cidr: 10.2.0.0/24 }
links:
  - kind: peering
    name: app-data
    requester: app-vpc
    acceptor: data-vpc
`;

describe("loadTopologyFile", () => {
  it("reads a JSON file", () => {
    // GIVEN
    const file = write("peering.json", JSON.stringify(vpcPeeringSameAccount(), null, 2));
    // WHEN
    const t = loadTopologyFile(file);
    // THEN
    expect(t).toEqual(vpcPeeringSameAccount());
  });

  it.each(["peering.yaml", "peering.YML"])("reads a YAML file (%s)", (name) => {
    // GIVEN
    const file = write(name, YAML);
    // WHEN
    const t = loadTopologyFile(file);
    // THEN
    expect(t).toEqual(vpcPeeringSameAccount());
  });

  it("fails when the file does not exist", () => {
    // GIVEN
    const file = join(dir, "missing.json");
    // WHEN
    const err = rejection(file);
    // THEN
    expect(err.issues).toEqual([{ path: "file", value: file, message: expect.stringMatching(/^cannot be read \(ENOENT/) }]);
  });

  it("fails when a .json file is not valid JSON", () => {
    // GIVEN
    const file = write("broken.json", '{ "name": "vpc-peering-same-account", ');
    // WHEN
    const err = rejection(file);
    // THEN
    expect(err.issues).toEqual([{ path: "file", value: file, message: expect.stringMatching(/^is not valid JSON: /) }]);
  });

  it("fails when a .yaml file is not valid YAML, giving the line", () => {
    // GIVEN
    const file = write("broken.yaml", "name: vpc-peering-same-account\nvpcs: [unclosed\n");
    // WHEN
    const err = rejection(file);
    // THEN
    expect(err.issues).toEqual([
      { path: "file", value: file, message: expect.stringMatching(/^is not valid YAML: .+ at line \d+, column \d+$/) },
    ]);
  });

  it.each([
    ["leaky.json", '{"name": "x", "psk": hunter2-Sup3rS3cret}'],
    ["leaky.yaml", "name: x\npsk: hunter2-Sup3rS3cret: oops\n"],
  ])("fails when %s is malformed, without quoting the file", (name, text) => {
    // GIVEN a malformed file with a pasted secret
    const file = write(name, text);
    // WHEN
    const err = rejection(file);
    // THEN the parser's excerpt of the file is not echoed
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ path: "file", message: expect.stringMatching(/^is not valid (JSON|YAML): /) });
    expect(err.message).not.toContain("Sup3rS3cret");
  });

  it("fails with the field path when a JSON file breaks a rule", () => {
    // GIVEN
    const t = {
      ...vpcPeeringSameAccount(),
      vpcs: vpcPeeringSameAccount().vpcs.map((v, i) => (i === 0 ? { ...v, cidr: "10.1.0.1/16" } : v)),
    };
    const file = write("host-bits.json", JSON.stringify(t));
    // WHEN
    const err = rejection(file);
    // THEN
    expect(err.issues).toEqual([
      {
        path: "vpc-peering-same-account.vpcs[0].cidr",
        value: "10.1.0.1/16",
        message: expect.stringContaining("did you mean 10.1.0.0/16?"),
      },
    ]);
  });

  it("fails with the field path when a YAML file has an unknown field", () => {
    // GIVEN
    const file = write("unknown.yaml", YAML.replace("    region: cn-hangzhou\n", "    region: cn-hangzhou\n    zone: cn-hangzhou-h\n"));
    // WHEN
    const err = rejection(file);
    // THEN
    expect(err.issues).toEqual([
      {
        path: "vpc-peering-same-account.vpcs[0].zone",
        value: "cn-hangzhou-h",
        message: expect.stringContaining("is not a known field here; allowed: name, account, region, cidr"),
      },
    ]);
  });

  it("fails with the line of an invalid UTF-8 byte deep in a large file", () => {
    // GIVEN 3 MiB of comment lines, then a Latin-1 byte
    const line = `# ${"x".repeat(1021)}\n`; // 1,024 bytes
    const body = Buffer.concat([Buffer.from(line.repeat(3072)), Buffer.from("name: caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    const file = join(dir, "deep-bad-byte.yaml");
    writeFileSync(file, body);
    // WHEN
    const err = rejection(file);
    // THEN
    expect(err.issues[0]!.message).toBe(`is not valid UTF-8 at line 3073, column 10 (byte ${3072 * 1024 + 10}); allowed: UTF-8 text`);
  });

  it("fails when a YAML file is empty", () => {
    // GIVEN
    const file = write("empty.yaml", "");
    // WHEN
    const err = rejection(file);
    // THEN
    expect(err.issues).toEqual([{ path: "topology", value: null, message: "has the wrong type; allowed: object" }]);
  });
});
