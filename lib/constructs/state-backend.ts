import { Annotations, LocalBackend, OssBackend, TerraformStack } from "cdktf";

/**
 * Bucket names starting `example-` are placeholders (the shipped prod overlay uses one):
 * synth warns, like the other placeholders, until a real bucket is configured.
 */
export const PLACEHOLDER_BUCKET = /^example-/;

/** Where a stack keeps its Terraform state. */
export type StateBackendConfig = LocalStateConfig | OssStateConfig;

/** State in a local file: for trying the template out, never for a team. */
export interface LocalStateConfig {
  readonly kind: "local";
  /** Directory of the state files. @default - the working directory */
  readonly directory?: string;
}

/**
 * State in an Alibaba Cloud OSS bucket with TableStore locking (one state object per
 * stack under `prefix`). Bootstrap the bucket and table once: see docs/operations.md, "State".
 */
export interface OssStateConfig {
  readonly kind: "oss";
  readonly bucket: string;
  readonly region: string;
  /** @default "cdktf" */
  readonly prefix?: string;
  /** TableStore instance endpoint for locking, e.g. `https://tfstate.cn-hangzhou.ots.aliyuncs.com`. */
  readonly tablestoreEndpoint: string;
  /** TableStore table (primary key `LockID`, string). */
  readonly tablestoreTable: string;
  /** RAM role to assume for state access. @default - the caller's credentials */
  readonly roleArn?: string;
  /** CLI profile for state access. @default - the provider's default credential chain */
  readonly profile?: string;
}

/**
 * Configures `stack`'s backend: one state per stack, keyed by the stack name, server-side
 * encrypted on OSS.
 */
export function configureStateBackend(stack: TerraformStack, stackName: string, config: StateBackendConfig): void {
  if (config.kind === "local") {
    new LocalBackend(stack, { path: `${config.directory ? `${config.directory.replace(/\/$/, "")}/` : ""}terraform.${stackName}.tfstate` });
    return;
  }
  for (const k of ["bucket", "region", "tablestoreEndpoint", "tablestoreTable"] as const) {
    if (!config[k]) throw new Error(`\`backend.${k}\` is required for the OSS state backend of ${stackName}`);
  }
  if (PLACEHOLDER_BUCKET.test(config.bucket)) {
    Annotations.of(stack).addWarning(
      `the OSS state backend uses the placeholder bucket ${config.bucket}; set your bucket and TableStore table in config/environments.ts before deploying (docs/operations.md, "State, environments and credentials")`,
    );
  }
  new OssBackend(stack, {
    bucket: config.bucket,
    region: config.region,
    prefix: config.prefix ?? "cdktf",
    key: `${stackName}.tfstate`,
    tablestoreEndpoint: config.tablestoreEndpoint,
    tablestoreTable: config.tablestoreTable,
    encrypt: true,
    acl: "private",
    profile: config.profile,
    assumeRole: config.roleArn ? { roleArn: config.roleArn, sessionName: `cdktf-state-${stackName}` } : undefined,
  });
}
