/** The parts of a synthesized stack (`cdk.tf.json`) the e2e run reads or plants into. */
export interface StackJson {
  provider?: { alicloud?: { alias?: string; profile?: string; region?: string }[] } & Record<string, unknown>;
  variable?: Record<string, { default?: unknown }>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}
