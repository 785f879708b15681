import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { DataAlicloudExpressConnectPhysicalConnections } from "../../.gen/providers/alicloud/data-alicloud-express-connect-physical-connections";
import { ExpressConnectPhysicalConnection } from "../../.gen/providers/alicloud/express-connect-physical-connection";
import { LineOperator, PortType } from "../topology";

/** A physical connection (leased line) as a VBR sees it. */
export interface ILeasedLine {
  readonly physicalConnectionId: string;
  /** Access point the line lands on, e.g. `ap-cn-beijing-ft-A`. */
  readonly accessPointId: string;
}

/** An installed line, referenced by ID. */
export interface LeasedLineAttributes {
  readonly physicalConnectionId: string;
  /** @default - read from the line through `provider` */
  readonly accessPointId?: string;
  /** Provider of the line's account and region. @default - none: `accessPointId` is then required */
  readonly provider?: TerraformProvider;
}

export interface LeasedLineProps {
  readonly name: string;
  /**
   * Access point: an Alibaba Cloud access point in (or nearest to) the IDC's city, or,
   * where Alibaba Cloud has none, a partner's access point (seed 001, "Access points").
   */
  readonly accessPointId: string;
  readonly lineOperator: LineOperator;
  readonly portType: PortType;
  /** Port bandwidth in Mbit/s. */
  readonly bandwidth: number;
  /** @default - none */
  readonly peerLocation?: string;
  readonly provider: TerraformProvider;
}

/**
 * A leased line. Leased lines are ordered and installed out of band, so the usual case
 * is {@link LeasedLine.fromPhysicalConnectionId}: reference the installed line by ID.
 * Creating one orders a line (an application that Alibaba Cloud then processes); the
 * resource is protected with `prevent_destroy`.
 *
 * ```ts
 * const line = LeasedLine.fromPhysicalConnectionId(this, "Line", { physicalConnectionId: "pc-...", accessPointId: "ap-cn-beijing-ft-A" });
 * ```
 * @resource alicloud_express_connect_physical_connection
 */
export class LeasedLine extends Construct implements ILeasedLine {
  /**
   * References an installed line; nothing is created. Without `accessPointId` the line's
   * own access point is read with `data.alicloud_express_connect_physical_connections`
   * (through `provider`), so it is spelled exactly as the API returns it.
   */
  static fromPhysicalConnectionId(scope: Construct, id: string, attrs: LeasedLineAttributes): ILeasedLine {
    if (!/^pc-[a-z0-9]+$/.test(attrs.physicalConnectionId)) {
      throw new Error(`\`physicalConnectionId\` ${attrs.physicalConnectionId} is not a physical connection ID (pc-<id>)`);
    }
    if (attrs.accessPointId === undefined && attrs.provider === undefined) {
      throw new Error(
        `\`provider\` is required to read the access point of line ${attrs.physicalConnectionId}; pass it, or set \`accessPointId\``,
      );
    }
    class Existing extends Construct implements ILeasedLine {
      readonly physicalConnectionId = attrs.physicalConnectionId;
      readonly accessPointId: string;
      constructor() {
        super(scope, id);
        this.accessPointId =
          attrs.accessPointId ??
          new DataAlicloudExpressConnectPhysicalConnections(this, "Line", {
            provider: attrs.provider,
            ids: [attrs.physicalConnectionId],
          }).connections.get(0).accessPointId;
      }
    }
    return new Existing();
  }

  readonly resource: ExpressConnectPhysicalConnection;
  readonly accessPointId: string;

  constructor(scope: Construct, id: string, props: LeasedLineProps) {
    super(scope, id);
    if (!Number.isInteger(props.bandwidth) || props.bandwidth < 1) {
      throw new Error(`\`bandwidth\` ${props.bandwidth} of leased line ${props.name} is out of range (an integer ≥ 1 Mbit/s)`);
    }
    this.accessPointId = props.accessPointId;
    this.resource = new ExpressConnectPhysicalConnection(this, "Resource", {
      provider: props.provider,
      physicalConnectionName: props.name,
      accessPointId: props.accessPointId,
      lineOperator: props.lineOperator,
      portType: props.portType,
      bandwidth: String(props.bandwidth),
      peerLocation: props.peerLocation,
      type: "VPC",
      description: `leased line ${props.name}`,
      lifecycle: { preventDestroy: true },
    });
  }

  get physicalConnectionId(): string {
    return this.resource.id;
  }
}
