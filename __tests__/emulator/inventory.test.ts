/**
 * The inventory a driver compares with Terraform's state, over HTTP and from the state file,
 * and commit-then-fail as a hang over HTTP.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { readInventory, type InventoryItem } from "../../emulator/src/inventory";
import { Emulator } from "../../emulator/src/server";

function post(port: number, params: Record<string, string>): Promise<{ status?: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const body = new URLSearchParams(params).toString();
    const req = http.request(
      { host: "127.0.0.1", port, method: "POST", path: "/", headers: { "content-type": "application/x-www-form-urlencoded" } },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ body: "", error: e.code ?? e.message }));
    req.end(body);
  });
}

function get(port: number, p: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: p }, (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve(text));
      })
      .on("error", reject);
  });
}

const VPC = { Version: "2016-04-28", AccessKeyId: "inv", RegionId: "cn-hangzhou" };

describe("inventory", () => {
  test("lists what a caller made, with the provider's state IDs, over HTTP and from the state file alike", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-inv-"));
    const stateFile = path.join(dir, "state.json");
    const emu = new Emulator({ stateFile, transitionMs: 0 });
    const port = await emu.listen(0);
    try {
      const vpc = JSON.parse((await post(port, { ...VPC, Action: "CreateVpc", CidrBlock: "10.0.0.0/16", VpcName: "a" })).body) as {
        VpcId: string;
      };
      const other = JSON.parse((await post(port, { ...VPC, Action: "CreateVpc", CidrBlock: "10.1.0.0/16" })).body) as { VpcId: string };
      const peer = JSON.parse(
        (
          await post(port, {
            ...VPC,
            Version: "2022-01-01",
            Action: "CreateVpcPeerConnection",
            VpcId: vpc.VpcId,
            AcceptingVpcId: other.VpcId,
            AcceptingRegionId: "cn-hangzhou",
          })
        ).body,
      ) as { InstanceId: string };
      await new Promise((r) => setTimeout(r, 5));
      const table = emu.store.all("routeTable").find((t) => t.attrs.VpcId === vpc.VpcId);
      const route = await post(port, {
        ...VPC,
        Action: "CreateRouteEntry",
        RouteTableId: String(table?.id),
        DestinationCidrBlock: "10.1.0.0/16",
        NextHopType: "VpcPeer",
        NextHopId: peer.InstanceId,
      });
      expect(route.status).toBe(200);
      const listed = (JSON.parse(await get(port, "/_emulator/inventory")) as { resources: InventoryItem[] }).resources;
      expect(listed.map((i) => i.terraformType).sort()).toEqual([
        "alicloud_route_entry",
        "alicloud_vpc",
        "alicloud_vpc",
        "alicloud_vpc_peer_connection",
      ]);
      const entry = listed.find((i) => i.kind === "routeEntry");
      expect(entry?.stateIds).toEqual([`${String(table?.id)}:${String(table?.attrs.VRouterId)}:10.1.0.0/16:VpcPeer:${peer.InstanceId}`]);
      expect(listed.find((i) => i.id === vpc.VpcId)).toMatchObject({ name: "a", createdBy: { action: "CreateVpc" } });
      expect(readInventory(stateFile)).toEqual(listed);
    } finally {
      await emu.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // the first call loads the SDK models (seconds on a busy machine)
  }, 30_000);

  test("commit-then-fail with hangMs: no answer, the connection closes, and the resource exists", async () => {
    const emu = new Emulator({ transitionMs: 0, faults: { seed: 1, kinds: ["commit-then-fail"], kindRate: 1, hangMs: 200 } });
    const port = await emu.listen(0);
    try {
      const r = await post(port, { ...VPC, Action: "CreateVpc", CidrBlock: "10.0.0.0/16" });
      expect(r.status).toBeUndefined();
      expect(r.error).toBe("ECONNRESET");
      expect(emu.inventory().map((i) => i.kind)).toEqual(["vpc"]);
    } finally {
      await emu.close();
    }
  });
});
