/**
 * Run-time shape check for topologies read from JSON/YAML files, with the same kind
 * of messages as `validate.ts`. The `satisfies` clause makes the compiler prove that
 * the schema and the TypeScript types in `types.ts` describe the same thing.
 */
import { z } from "zod";
import { AuthAlgorithm, DhGroup, EncryptionAlgorithm, IkeMode, IkeVersion } from "./ipsec";
import { pathKey, TopologyError, TopologyIssue } from "./issues";
import {
  FlowLogTrafficType,
  LineOperator,
  PeeringLinkType,
  PortType,
  RouterInterfaceSpecification,
  Topology,
  VpnGatewayPaymentType,
} from "./types";
import { inputLimitIssues } from "./limits";
import { REDACTED, redactValue, SECRET_KEY } from "./secrets";
import { validateTopology } from "./validate";

/** Text of each scalar as the file writes it, by path below the root (`.vpcs[0].cidr`). */
export type WrittenValues = ReadonlyMap<string, string>;

export interface ParseOptions {
  /** Scalars as written, so messages echo `0x10` rather than 16. @default - parsed values only */
  readonly written?: WrittenValues;
}

const name = z.string();
const int = z.number().int();
const tags = z.record(z.string(), z.string());

const credentials = z.strictObject({
  profile: z.string().optional(),
  roleArn: z.string().optional(),
  sessionName: z.string().optional(),
});

const account = z.strictObject({
  name,
  uid: z.string().optional(),
  resolveUidAtPlan: z.boolean().optional(),
  credentials: credentials.optional(),
});

const vswitch = z.strictObject({ name, zone: z.string(), cidr: z.string() });

const vpc = z.strictObject({
  name,
  account: name,
  region: z.string(),
  cidr: z.string(),
  vswitches: z.array(vswitch),
  vpnGateway: z
    .strictObject({
      bandwidth: int,
      vswitch: name,
      disasterRecoveryVswitch: name.optional(),
      paymentType: z.enum(VpnGatewayPaymentType).optional(),
    })
    .optional(),
  flowLog: z
    .strictObject({
      slsProject: z.string(),
      trafficType: z.enum(FlowLogTrafficType).optional(),
      retentionDays: int.optional(),
    })
    .optional(),
  tags: tags.optional(),
});

const office = z.strictObject({
  name,
  publicIp: z.string(),
  cidrs: z.array(z.string()),
  asn: int.optional(),
  redundant: z.boolean().optional(),
});

const leasedLine = z.strictObject({
  accessPointId: z.string().optional(),
  physicalConnectionId: z.string().optional(),
  create: z
    .strictObject({
      lineOperator: z.enum(LineOperator),
      portType: z.enum(PortType),
      bandwidth: int,
      peerLocation: z.string().optional(),
    })
    .optional(),
});

const vbr = z.strictObject({
  vlanId: int,
  localGatewayIp: z.string(),
  peerGatewayIp: z.string(),
  peeringSubnetMask: z.string(),
  bandwidth: int.optional(),
  detectMultiplier: int.optional(),
  minRxInterval: int.optional(),
  minTxInterval: int.optional(),
});

const bgp = z.strictObject({
  peerAsn: int,
  localAsn: int.optional(),
  enableBfd: z.boolean().optional(),
  bfdMultiHop: int.optional(),
  md5Auth: z.boolean().optional(),
});

const vbrHealthCheck = z.strictObject({
  sourceIp: z.string(),
  targetIp: z.string(),
  intervalSeconds: int.optional(),
  threshold: int.optional(),
});

const idcLine = z.strictObject({ name, leasedLine, vbr, bgp: bgp.optional(), healthCheck: vbrHealthCheck.optional() });

const idc = z.strictObject({
  name,
  account: name,
  region: z.string(),
  cidrs: z.array(z.string()),
  leasedLine,
  vbr,
  bgp: bgp.optional(),
  allowVpcTransit: z.boolean().optional(),
  additionalLines: z.array(idcLine).optional(),
  redundant: z.boolean().optional(),
  healthCheck: vbrHealthCheck.optional(),
  vpnBackup: z.strictObject({ vpc: name, publicIp: z.string() }).optional(),
});

const ipsec = z.strictObject({
  ikeVersion: z.enum(IkeVersion).optional(),
  ikeMode: z.enum(IkeMode).optional(),
  ikeEncryption: z.enum(EncryptionAlgorithm).optional(),
  ikeAuth: z.enum(AuthAlgorithm).optional(),
  ikePfs: z.enum(DhGroup).optional(),
  ikeLifetime: int.optional(),
  ipsecEncryption: z.enum(EncryptionAlgorithm).optional(),
  ipsecAuth: z.enum(AuthAlgorithm).optional(),
  ipsecPfs: z.enum(DhGroup).optional(),
  ipsecLifetime: int.optional(),
  enableDpd: z.boolean().optional(),
  enableNatTraversal: z.boolean().optional(),
  allowWeakCrypto: z.array(z.string()).optional(),
});

const link = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("peering"),
    name,
    requester: name,
    acceptor: name,
    bandwidth: int.optional(),
    linkType: z.enum(PeeringLinkType).optional(),
  }),
  z.strictObject({
    kind: z.literal("router-interface"),
    name,
    from: name,
    to: name,
    spec: z.enum(RouterInterfaceSpecification).optional(),
  }),
  z.strictObject({
    kind: z.literal("vbr"),
    name,
    idc: name,
    vpc: name,
    line: name.optional(),
    spec: z.enum(RouterInterfaceSpecification).optional(),
    healthCheck: z
      .strictObject({
        sourceIp: z.string(),
        targetIp: z.string(),
        rateMs: int.optional(),
        threshold: int.optional(),
      })
      .optional(),
  }),
  z.strictObject({
    kind: z.literal("vpn"),
    name,
    office: name,
    vpc: name,
    ipsec: ipsec.optional(),
    healthCheck: z
      .strictObject({ sourceIp: z.string(), destinationIp: z.string(), interval: int.optional(), retry: int.optional() })
      .optional(),
    role: z.enum(["active", "standby"]).optional(),
    publicIp: z.string().optional(),
    slaveTunnelPublicIp: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal("shared-nat"),
    name,
    hub: name,
    vswitch: name,
    spokes: z.array(name),
    eipBandwidth: int.optional(),
  }),
  z.strictObject({
    kind: z.literal("transit-router"),
    name,
    vpcs: z.array(name),
    idcs: z.array(name).optional(),
    peerBandwidth: int.optional(),
    routers: z.array(z.strictObject({ region: z.string(), name: name.optional() })).optional(),
  }),
]);

export const TopologySchema = z.strictObject({
  name,
  accounts: z.array(account),
  vpcs: z.array(vpc),
  offices: z.array(office).optional(),
  idcs: z.array(idc).optional(),
  links: z.array(link),
  tags: tags.optional(),
  summarize: z.boolean().optional(),
  quotas: z.strictObject({ routeEntriesPerTable: int.optional() }).optional(),
}) satisfies z.ZodType<Topology>;

// "-" as well as "_": YAML files often spell keys `pre-shared-key` or `auth-key`

/** Shape problems of `input`, in the same form as semantic issues. */
export function shapeIssues(input: unknown, root = rootName(input)): TopologyIssue[] {
  const r = TopologySchema.safeParse(input);
  if (r.success) return [];
  const out: TopologyIssue[] = [];
  for (const i of r.error.issues) {
    const path = formatPath(root, i.path);
    const value = valueAt(input, i.path);
    switch (i.code) {
      case "unrecognized_keys":
        for (const k of i.keys) {
          const where = `${path}${pathKey(k)}`;
          out.push(
            SECRET_KEY.test(k)
              ? {
                  path: where,
                  value: REDACTED,
                  message:
                    "looks like a secret; secrets never go in a topology file. Pre-shared keys and BGP auth keys are sensitive Terraform variables (see docs/security.md, Secrets)",
                }
              : {
                  path: where,
                  value: valueAt(input, [...i.path, k]),
                  message: `is not a known field here; allowed: ${knownKeys(i.path, input).join(", ")}`,
                },
          );
        }
        break;
      case "invalid_value":
        out.push({ path, value, message: `is not allowed; allowed: ${i.values.map((v) => JSON.stringify(v)).join(", ")}` });
        break;
      case "invalid_union":
        out.push({
          path: i.path.at(-1) === "kind" ? path : `${path}.kind`,
          value: i.path.at(-1) === "kind" ? value : valueAt(input, [...i.path, "kind"]),
          message: 'is not a link kind; allowed: "peering", "router-interface", "vbr", "vpn", "shared-nat", "transit-router"',
        });
        break;
      case "invalid_type":
        out.push({
          path,
          value,
          message:
            value === undefined
              ? `is required (${i.expected})`
              : typeof value === "number" && !Number.isFinite(value)
                ? `is not a finite number; allowed: ${i.expected}`
                : `has the wrong type; allowed: ${i.expected}`,
        });
        break;
      default:
        out.push({ path, value, message: i.message });
    }
  }
  // an echoed object or array may hold a secret under a key of its own (`ipsecConfig: {psk: ...}`)
  return out.map((i) => ({ ...i, value: redactValue(i.value) }));
}

/**
 * Checks untrusted input (a parsed JSON/YAML file) against the schema and then every
 * semantic rule. Returns the topology or throws a {@link TopologyError} listing all problems.
 */
export function parseTopology(input: unknown, opts: ParseOptions = {}): Topology {
  const root = rootName(input);
  const fail = (issues: readonly TopologyIssue[]): never => {
    throw new TopologyError(root, withWritten(issues, root, opts.written));
  };
  // bounded first: nothing below may recurse into a hostile depth or copy a huge string
  const limits = inputLimitIssues(input, root);
  if (limits.length > 0) fail(limits);
  const shape = shapeIssues(input, root);
  if (shape.length > 0) fail(shape);
  const t = input as Topology;
  const issues = validateTopology(t);
  if (issues.length > 0) fail(issues);
  return t;
}

/** `issues` with `written` set where the file spells a value differently than it prints. */
function withWritten(issues: readonly TopologyIssue[], root: string, written: WrittenValues | undefined): TopologyIssue[] {
  if (!written) return [...issues];
  return issues.map((i) => {
    if (!i.path.startsWith(root)) return i;
    const raw = written.get(i.path.slice(root.length));
    if (raw === undefined || typeof i.value === "object" || typeof i.value === "string") return i;
    return raw === JSON.stringify(i.value) ? i : { ...i, written: raw };
  });
}

function rootName(input: unknown): string {
  const n = (input as { name?: unknown } | null)?.name;
  // a name that is no name (too long, or not one line) would garble every path
  return typeof n === "string" && /^[\x21-\x7e]{1,64}$/.test(n) ? n : "topology";
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === "number" ? `${acc}[${k}]` : `${acc}${pathKey(String(k))}`), root);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

function knownKeys(path: readonly PropertyKey[], input: unknown): string[] {
  // walk the schema along the path to list the fields that object accepts
  let s: z.ZodType = TopologySchema;
  for (const k of path) {
    s = unwrap(s);
    if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodDiscriminatedUnion) {
      const kind = (valueAt(input, path.slice(0, path.indexOf(k))) as { kind?: string })?.kind;
      s = (s.options as z.ZodObject[]).find((o) => (o.shape.kind as z.ZodLiteral).value === kind) ?? s;
      s = (s as z.ZodObject).shape?.[k as string] ?? s;
    } else if (s instanceof z.ZodObject) s = s.shape[k as string] as z.ZodType;
    if (s === undefined) return [];
  }
  s = unwrap(s);
  if (s instanceof z.ZodDiscriminatedUnion) {
    const kind = (valueAt(input, path) as { kind?: string })?.kind;
    s = (s.options as z.ZodObject[]).find((o) => (o.shape.kind as z.ZodLiteral).value === kind) ?? s;
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

function unwrap(s: z.ZodType): z.ZodType {
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}
