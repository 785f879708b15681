/**
 * Office configurations for examples/office-devices.json: office hq has two devices, each
 * ending one tunnel of each of hq's two dual-tunnel connections (the master on
 * 203.0.113.30, the slave on 203.0.113.31). Each device gets one file with every tunnel
 * it ends; each link end keeps its own directory.
 */
import { join } from "path";
import { deviceConfigs, readOfficeSpecs } from "../../lib/devices";
import { loadTopologyFile } from "../../lib/topology";
import { StackJson } from "../../lib/tfjson";
import { tree } from "../netdiff/trees";

const stacks = tree(loadTopologyFile(join(__dirname, "..", "..", "examples", "office-devices.json")));
const [name, json] = [...stacks.entries()][0]! as [string, StackJson];

describe("office configs of one connection's tunnels on two devices", () => {
  const configs = deviceConfigs([{ name, json }]);
  const file = (path: string) => configs.files.find((f) => f.path === `${name}/${path}`)?.content;
  /** `connection name: local_addrs, if_id_in` for each connection block of a swanctl.conf. */
  const connections = (text: string) =>
    [...text.matchAll(/^ {2}(\S+) \{\n[\s\S]*?local_addrs = (\S+)[\s\S]*?if_id_in = (\d+)/gm)].map((m) => `${m[1]}: ${m[2]}, ${m[3]}`);

  it("reads one end per device of each of hq's connections, with the tunnels that end there", () => {
    const ends = readOfficeSpecs(name, json)
      .filter((s) => s.connection.startsWith("hq-"))
      .map((s) => [s.connection, s.officeIp, s.tunnels.map((t) => t.role).join("+"), s.device]);
    expect(ends).toEqual([
      ["hq-app", "203.0.113.30", "master", 0],
      ["hq-app", "203.0.113.31", "slave", 1],
      ["hq-data", "203.0.113.30", "master", 0],
      ["hq-data", "203.0.113.31", "slave", 1],
    ]);
  });

  it("writes each device one file with every tunnel it ends, each link on its own XFRM interface", () => {
    expect(connections(file("device-203.0.113.30/swanctl.conf")!)).toEqual([
      "hq-app-master: 203.0.113.30, 42",
      "hq-data-master: 203.0.113.30, 43",
    ]);
    expect(connections(file("device-203.0.113.31/swanctl.conf")!)).toEqual([
      "hq-app-slave: 203.0.113.31, 42",
      "hq-data-slave: 203.0.113.31, 43",
    ]);
    expect(file("device-203.0.113.40/swanctl.conf")).toBeUndefined();
  });

  it("keeps a directory per link end: the master device's under the link's name, the second device's under <link>-device-2", () => {
    expect(connections(file("hq-app/swanctl.conf")!)).toEqual(["hq-app-master: 203.0.113.30, 42"]);
    expect(connections(file("hq-app-device-2/swanctl.conf")!)).toEqual(["hq-app-slave: 203.0.113.31, 42"]);
    expect(connections(file("branch/swanctl.conf")!)).toEqual(["branch-master: 203.0.113.40, 42", "branch-slave: 203.0.113.40, 42"]);
  });

  it("writes one secrets section per device file, naming each link's key", () => {
    const keys = { TF_VAR_psk_hq_app: "0123456789abcdef", TF_VAR_psk_hq_data: "fedcba9876543210" };
    const text = deviceConfigs([{ name, json }], { secrets: keys }).files.find(
      (f) => f.path === `${name}/device-203.0.113.31/swanctl.conf`,
    )!;
    expect(text.content.match(/^secrets \{$/gm)).toHaveLength(1);
    expect(text.content).toContain("ike-hq-app {");
    expect(text.content).toContain("ike-hq-data {");
    expect(text.mode).toBe(0o600);
  });
});
