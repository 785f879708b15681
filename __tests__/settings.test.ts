/**
 * The one settings path (config/settings.ts): environment variable, then cdktf.json's
 * context, then the default, for every way the app is run. tools/ci/settings-paths.sh
 * runs the real commands (node and the cdktf CLI) in changing environment orders.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { cdktfContext, resolveSettings, SETTINGS } from "../config/settings";
import { TopologyError } from "../lib/topology";

function cdktfJson(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "settings-")), "cdktf.json");
  writeFileSync(file, text);
  return file;
}

describe("resolveSettings", () => {
  it("takes the environment variable over cdktf.json's context", () => {
    // GIVEN context env=prod and HYBRID_ENV=dev
    // WHEN / THEN
    expect(resolveSettings({ HYBRID_ENV: "dev" }, { env: "prod" })).toEqual({ env: "dev" });
  });

  it("takes cdktf.json's context when the variable is unset or empty", () => {
    expect(resolveSettings({}, { env: "prod", hubInterconnect: "peering" })).toEqual({ env: "prod", hubInterconnect: "peering" });
    expect(resolveSettings({ HYBRID_ENV: "" }, { env: "prod" })).toEqual({ env: "prod" });
  });

  it("leaves unset what neither sets, so the defaults apply downstream", () => {
    expect(resolveSettings({ PATH: "/bin" }, { unrelated: 1 })).toEqual({});
  });

  it("maps each setting to its documented variable", () => {
    expect(SETTINGS).toEqual({
      env: "HYBRID_ENV",
      topologyFile: "TOPOLOGY_FILE",
      hubInterconnect: "HUB_INTERCONNECT",
      idcInterconnect: "IDC_INTERCONNECT",
    });
    expect(resolveSettings({ TOPOLOGY_FILE: "t.yaml", HUB_INTERCONNECT: "peering", IDC_INTERCONNECT: "transit-router" }, {})).toEqual({
      topologyFile: "t.yaml",
      hubInterconnect: "peering",
      idcInterconnect: "transit-router",
    });
    expect(resolveSettings({}, { idcInterconnect: "transit-router" })).toEqual({ idcInterconnect: "transit-router" });
  });

  it("fails when a context value is not a string, naming the key and the value", () => {
    expect(() => resolveSettings({}, { env: 3 })).toThrow(TopologyError);
    expect(() => resolveSettings({}, { env: 3 })).toThrow(/cdktf\.json: context\.env = 3: is not a string/);
  });
});

describe("cdktfContext", () => {
  it("reads the context block from disk", () => {
    expect(cdktfContext(cdktfJson(JSON.stringify({ app: "x", context: { env: "prod" } })))).toEqual({ env: "prod" });
  });

  it("is empty without a context block or without the file", () => {
    expect(cdktfContext(cdktfJson(JSON.stringify({ app: "x" })))).toEqual({});
    expect(cdktfContext(join(tmpdir(), "no-such-dir-42", "cdktf.json"))).toEqual({});
  });

  it("fails when cdktf.json is not JSON, naming the file", () => {
    const file = cdktfJson("{ app: ");
    expect(() => cdktfContext(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} = .*is not valid JSON`));
  });

  it("fails when the context is not an object", () => {
    expect(() => cdktfContext(cdktfJson(JSON.stringify({ context: ["env=prod"] })))).toThrow(/context = \["env=prod"\]: is not an object/);
  });
});
