import { LeasedLine } from "../../lib/constructs/leased-line";
import { LineOperator, PortType } from "../../lib/topology";
import { aliasedProvider, newStack, only, synthJson } from "./tf-json";

describe("LeasedLine", () => {
  it("references an installed line by ID without creating anything", () => {
    const stack = newStack();
    aliasedProvider(stack, "main", "cn-beijing");
    const line = LeasedLine.fromPhysicalConnectionId(stack, "Line", {
      physicalConnectionId: "pc-abc123",
      accessPointId: "ap-cn-beijing-ft-A",
    });
    expect(line.physicalConnectionId).toBe("pc-abc123");
    expect(synthJson(stack).resource?.alicloud_express_connect_physical_connection).toBeUndefined();
  });

  it("orders a new line, protected against destroy", () => {
    const stack = newStack();
    const provider = aliasedProvider(stack, "main", "cn-beijing");
    new LeasedLine(stack, "Line", {
      name: "bj",
      accessPointId: "ap-cn-beijing-ft-A",
      lineOperator: LineOperator.CHINA_TELECOM,
      portType: PortType.PORT_1000BASE_LX,
      bandwidth: 100,
      provider,
    });
    const pc = only(synthJson(stack), "alicloud_express_connect_physical_connection").body;
    expect(pc).toMatchObject({
      access_point_id: "ap-cn-beijing-ft-A",
      line_operator: "CT",
      port_type: "1000Base-LX",
      bandwidth: "100",
      type: "VPC",
    });
    expect(pc.lifecycle).toEqual({ prevent_destroy: true });
  });

  it("fails when `physicalConnectionId` is not a pc- ID", () => {
    const stack = newStack();
    expect(() => LeasedLine.fromPhysicalConnectionId(stack, "Line", { physicalConnectionId: "vbr-1", accessPointId: "ap-x" })).toThrow(
      /`physicalConnectionId` vbr-1/,
    );
  });

  it("fails when `bandwidth` is below 1", () => {
    const stack = newStack();
    const provider = aliasedProvider(stack, "main", "cn-beijing");
    expect(
      () =>
        new LeasedLine(stack, "Line", {
          name: "bj",
          accessPointId: "ap-x",
          lineOperator: LineOperator.OTHER,
          portType: PortType.PORT_100BASE_T,
          bandwidth: 0,
          provider,
        }),
    ).toThrow(/`bandwidth` 0/);
  });
});
