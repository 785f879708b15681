import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { accountUid } from "../../emulator/src/server";
import { responseModel, unknownResponseFields } from "../../emulator/src/sdk-models";
import { harness, PEER, STS, VPC } from "./helpers";

describe("emulator protocol", () => {
  test("fails loudly on an action the API does not have", () => {
    const { as } = harness();
    const r = as("k")(VPC, "CreateVpcTypo");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ Code: "InvalidAction.NotFound" });
    expect(String(r.body.Message)).toContain("CreateVpcTypo");
  });

  test("fails loudly on a parameter the SDK request model does not define, naming it", () => {
    const { as } = harness();
    const r = as("k")(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", VpcNmae: "typo" });
    expect(r.status).toBe(400);
    expect(r.body.Code).toBe("Emulator.UnknownParameter");
    expect(String(r.body.Message)).toContain("VpcNmae");
  });

  test("accepts flattened list parameters that the model defines (Tag.N.Key)", () => {
    const { as } = harness();
    const r = as("k")(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", "Tag.1.Key": "Name", "Tag.1.Value": "a" });
    expect(r.status).toBe(200);
    expect(as("k")(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", "Tag.1.Colour": "x" }).body.Code).toBe("Emulator.UnknownParameter");
  });

  test("an action the API has but the emulator does not implement is an error naming it", () => {
    const { as } = harness();
    const r = as("k")(VPC, "CreateIpv6Gateway", { VpcId: "vpc-x" });
    expect(r.body.Code).toBe("Emulator.Unsupported");
    expect(String(r.body.Message)).toContain("CreateIpv6Gateway");
  });

  test("errors have Alibaba Cloud's shape: RequestId, Code, Message and the HTTP status", () => {
    const { as } = harness();
    const r = as("k")(VPC, "DescribeVpcAttribute", { VpcId: "vpc-missing" });
    expect(r.status).toBe(404);
    expect(Object.keys(r.body).sort()).toEqual(["Code", "HostId", "Message", "RequestId"]);
  });

  test("the response-shape check catches a field the SDK response model does not define", () => {
    const model = responseModel(VPC, "DescribeVpcAttribute");
    if (!model) throw new Error("SDK model missing");
    expect(unknownResponseFields(model, { VpcId: "v", VSwitchIds: { VSwitchId: ["a"] } })).toEqual([]);
    expect(unknownResponseFields(model, { VpcId: "v", Colour: "red", VSwitchIds: { Wrong: [] } })).toEqual([
      "$.Colour",
      "$.VSwitchIds.Wrong",
    ]);
  });

  test("each AccessKeyId is its own account, and STS reports it", () => {
    const { as } = harness();
    const a = as("emu-requester")(STS, "GetCallerIdentity");
    const b = as("emu-acceptor")(STS, "GetCallerIdentity");
    expect(a.body.AccountId).toBe(accountUid("emu-requester"));
    expect(a.body.AccountId).not.toBe(b.body.AccountId);
    expect(String(a.body.AccountId)).toMatch(/^\d{16}$/);
  });

  test("a request without an AccessKeyId is refused", () => {
    const { emu } = harness();
    expect(emu.call({ Version: PEER, Action: "GetVpcPeerConnectionAttribute", InstanceId: "x" }).body.Code).toBe("MissingAccessKeyId");
  });

  test("state survives a restart: a new emulator on the same file sees the same resources", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emu-")), "state.json");
    const first = harness({ stateFile: file });
    const vpcId = String(first.as("k")(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16" }).body.VpcId);
    const second = harness({ stateFile: file });
    expect(second.as("k")(VPC, "DescribeVpcAttribute", { VpcId: vpcId }).body.CidrBlock).toBe("10.0.0.0/16");
  });
});

describe("emulator over HTTP", () => {
  test("serves RPC calls on loopback and records a call sent to a public endpoint through it as a proxy", async () => {
    const { Emulator } = await import("../../emulator/src/server");
    const emu = new Emulator({ transitionMs: 0 });
    const port = await emu.listen(0);
    const http = await import("http");
    const get = (pathOrUrl: string) =>
      new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port, path: pathOrUrl }, (res) => {
            let b = "";
            res.on("data", (d: Buffer) => (b += d.toString()));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(b) as Record<string, unknown> }));
          })
          .on("error", reject);
      });
    try {
      const q = "?AccessKeyId=k&Version=2015-04-01&Action=GetCallerIdentity";
      expect((await get(`/${q}`)).body.AccountId).toBe(accountUid("k"));
      expect((await get(`http://vpc.aliyuncs.com/${q}`)).status).toBe(200);
      expect(emu.calls.map((c) => c.proxiedFor)).toEqual([undefined, "vpc.aliyuncs.com"]);
    } finally {
      await emu.close();
    }
  });
});

describe("idempotency", () => {
  test("a create retried with the same ClientToken gets the first answer and makes no second resource", () => {
    const { emu, as } = harness();
    const me = as("k");
    const first = me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", ClientToken: "t-1" });
    const again = me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", ClientToken: "t-1" });
    expect(again.body.VpcId).toBe(first.body.VpcId);
    expect(emu.store.all("vpc")).toHaveLength(1);
    expect(me(VPC, "CreateVpc", { CidrBlock: "10.0.0.0/16", ClientToken: "t-2" }).body.VpcId).not.toBe(first.body.VpcId);
  });
});
