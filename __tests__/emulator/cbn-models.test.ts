/**
 * The committed Cbn (2017-09-12) API data the emulator serves CEN / transit-router
 * resources from: the action list read from the pinned provider's source, and the request
 * and response models read from the Python SDK. Both are written by
 * tools/provider/extract-cbn-models.py; this suite checks that they are well-formed and
 * agree with each other, and, where the provider source is on this machine, that every
 * recorded call site really names its action.
 */
import { existsSync, readFileSync } from "fs";
import { homedir } from "os";
import { join } from "path";
import { PROVIDER_EXTRA_PARAMETERS } from "../../emulator/src/cbn-models";

type FieldType = string | { readonly list: FieldType } | { readonly map: FieldType } | { readonly model: string };
interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly required?: boolean;
}
interface ActionRow {
  readonly action: string;
  readonly apiVersion: string;
  readonly calls: readonly { readonly resource: string; readonly at: string }[];
}
interface ActionsFile {
  readonly provider: string;
  readonly resources: readonly string[];
  readonly actions: readonly ActionRow[];
}
interface ModelsFile {
  readonly package: string;
  readonly packageVersion: string;
  readonly apiVersion: string;
  readonly actions: Record<string, { readonly request: string; readonly response: string }>;
  readonly models: Record<string, { readonly fields: readonly Field[] }>;
}

const DIR = join(__dirname, "..", "..", "emulator", "models");
const actions = JSON.parse(readFileSync(join(DIR, "cbn-actions.json"), "utf8")) as ActionsFile;
const models = JSON.parse(readFileSync(join(DIR, "cbn20170912.json"), "utf8")) as ModelsFile;
const cbnActions = actions.actions.filter((a) => a.apiVersion === "2017-09-12");
const SCALARS = new Set(["string", "integer", "boolean", "number", "any"]);

/** Model names a field type refers to; throws on a type outside the extractor's vocabulary. */
function refs(t: FieldType): string[] {
  if (typeof t === "string") {
    if (!SCALARS.has(t)) throw new Error(`unknown scalar type ${t}`);
    return [];
  }
  if ("list" in t) return refs(t.list);
  if ("map" in t) return refs(t.map);
  return [t.model];
}

describe("Cbn action list (from the provider source)", () => {
  it("records the pinned provider and an SDK package with its version", () => {
    expect(actions.provider).toBe("github.com/aliyun/terraform-provider-alicloud v1.240.0");
    expect(models.package).toBe("alibabacloud-cbn20170912");
    expect(models.packageVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(models.apiVersion).toBe("2017-09-12");
  });

  it("lists each action once, with an API version and provider file:line call sites", () => {
    const names = actions.actions.map((a) => a.action);
    expect(new Set(names).size).toBe(names.length);
    for (const a of actions.actions) {
      expect(a.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.calls.length).toBeGreaterThan(0);
      for (const c of a.calls) {
        expect(c.at).toMatch(/^alicloud\/(resource|service)_alicloud_\w+\.go:\d+$/);
        expect(actions.resources).toContain(c.resource);
      }
    }
  });

  it.each(["alicloud_cen_instance", "alicloud_cen_transit_router", "alicloud_cen_transit_router_vpc_attachment"])(
    "%s has a create, a read and a delete action",
    (resource) => {
      const mine = actions.actions.filter((a) => a.calls.some((c) => c.resource === resource)).map((a) => a.action);
      expect(mine.some((n) => n.startsWith("Create"))).toBe(true);
      expect(mine.some((n) => n.startsWith("List") || n.startsWith("Describe"))).toBe(true);
      expect(mine.some((n) => n.startsWith("Delete"))).toBe(true);
    },
  );

  const providerDir = join(homedir(), "go/pkg/mod/github.com/aliyun/terraform-provider-alicloud@v1.240.0");
  (existsSync(providerDir) ? it : it.skip)("every call site names its action in the provider source", () => {
    for (const a of actions.actions) {
      for (const c of a.calls) {
        const [file, line] = c.at.split(":") as [string, string];
        const text = readFileSync(join(providerDir, file), "utf8").split("\n")[Number(line) - 1];
        expect({ at: c.at, text }).toEqual({ at: c.at, text: expect.stringContaining(a.action) });
      }
    }
  });
});

describe("Cbn 2017-09-12 models (from the SDK)", () => {
  it("covers every Cbn action of the list with a request and a response model, and nothing else", () => {
    expect(Object.keys(models.actions).sort()).toEqual(cbnActions.map((a) => a.action).sort());
    for (const [action, m] of Object.entries(models.actions)) {
      expect(m).toEqual({ request: `${action}Request`, response: `${action}ResponseBody` });
      expect(models.models[m.request]).toBeDefined();
      expect(models.models[m.response]).toBeDefined();
    }
  });

  it("defines every model a field refers to, with unique wire names", () => {
    for (const [name, model] of Object.entries(models.models)) {
      const wires = model.fields.map((f) => f.name);
      expect({ name, unique: new Set(wires).size }).toEqual({ name, unique: wires.length });
      for (const f of model.fields) {
        expect(f.name).toMatch(/^[A-Za-z][A-Za-z0-9_.]*$/);
        for (const r of refs(f.type)) expect({ from: name, ref: r, defined: r in models.models }).toMatchObject({ defined: true });
      }
    }
  });

  it("marks the parameters the API reference requires (ZoneMappings and VpcId of a VPC attachment)", () => {
    const req = models.models.CreateTransitRouterVpcAttachmentRequest?.fields ?? [];
    const required = req.filter((f) => f.required === true).map((f) => f.name);
    expect(required).toEqual(expect.arrayContaining(["VpcId", "ZoneMappings"]));
    expect(req.find((f) => f.name === "ZoneMappings")?.type).toEqual({
      list: { model: "CreateTransitRouterVpcAttachmentRequestZoneMappings" },
    });
  });
});

describe("parameters the provider sends outside the Cbn request models", () => {
  const providerDir = join(homedir(), "go/pkg/mod/github.com/aliyun/terraform-provider-alicloud@v1.240.0");
  const extras = Object.entries(PROVIDER_EXTRA_PARAMETERS).flatMap(([model, list]) => list.map((e) => ({ model, ...e })));

  it("are each absent from their request model (else the exception is not needed)", () => {
    expect(extras.length).toBeGreaterThan(0);
    for (const e of extras) {
      const fields = models.models[e.model]?.fields.map((f) => f.name);
      expect([e.model, e.name, fields !== undefined, fields?.includes(e.name)]).toEqual([e.model, e.name, true, false]);
    }
  });

  (existsSync(providerDir) ? it : it.skip)("are each sent at the provider line they cite", () => {
    for (const e of extras) {
      const [, file, line] = /^(alicloud\/[\w.]+):(\d+)/.exec(e.at) ?? [];
      const text = readFileSync(join(providerDir, file as string), "utf8").split("\n")[Number(line) - 1] ?? "";
      expect([e.at, text.includes(`"${e.name}"`)]).toEqual([e.at, true]);
    }
  });
});
