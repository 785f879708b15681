/**
 * One emulator endpoint for every stack of a run, with a state of its own per stack.
 *
 * Each stack's provider blocks carry access keys with the stack's run tag
 * (`emu-<tag>-<profile>`, override.ts); the shared endpoint hands each call to the
 * stack's own emulator, which keeps that stack's resources, its state file, its seeded
 * fault generator and its call log. Stacks side by side therefore neither see each
 * other's resources nor shift each other's fault draws, and a stack's inventory after
 * destroy is exactly what that stack left behind.
 */
import * as tls from "tls";
import { Emulator, type CallRecord, type EmulatorOptions } from "../src/server";
import type { Resource } from "../src/state";

const TAGGED_KEY = /^emu-(r[0-9a-f]+)-/;

/** The run tag in an access key made by `dummyKeyId(provider, tag)`, if any. */
export function runTagOf(accessKeyId: string | undefined): string | undefined {
  return TAGGED_KEY.exec(accessKeyId ?? "")?.[1];
}

type CallArgs = Parameters<Emulator["call"]>;
type CallAnswer = ReturnType<Emulator["call"]>;

export class SharedEmulator extends Emulator {
  private readonly runs = new Map<string, Emulator>();
  private endpoint?: { port: number; host: string; tlsOptions?: tls.SecureContextOptions };

  attach(tag: string, emu: Emulator): void {
    this.runs.set(tag, emu);
  }

  detach(tag: string): void {
    this.runs.delete(tag);
  }

  /** A call goes to its stack's emulator; one without a known tag is answered (and recorded) here, in an empty state. */
  override call(...[params, proxiedFor]: CallArgs): CallAnswer {
    const run = this.runs.get(runTagOf(params.AccessKeyId) ?? "");
    return run ? run.call(params, proxiedFor) : super.call(params, proxiedFor);
  }

  override async listen(port = 0, host = "127.0.0.1", tlsOptions?: tls.SecureContextOptions): Promise<number> {
    const bound = await super.listen(port, host, tlsOptions);
    this.endpoint = { port: bound, host, tlsOptions };
    return bound;
  }

  /** Drops every open connection and listens again on the same port: what a restart of the endpoint does to its callers. */
  async bounce(): Promise<void> {
    const e = this.endpoint;
    if (!e) return;
    await this.close();
    await super.listen(e.port, e.host, e.tlsOptions);
  }
}

export interface CallTally {
  n: number;
  injected: number;
  /** answers with an error status that were not injected */
  errors: number;
  /** time the emulator spent answering, ms */
  ms: number;
  /** calls the provider sent to a default public endpoint, by host and action */
  readonly proxied: Map<string, number>;
}

/** One stack's emulator behind the shared endpoint. */
export class StackEmulator {
  private emu: Emulator;
  readonly tally: CallTally = { n: 0, injected: 0, errors: 0, ms: 0, proxied: new Map() };

  constructor(
    private readonly shared: SharedEmulator,
    readonly tag: string,
    private readonly options: EmulatorOptions,
  ) {
    this.emu = new Emulator(options);
    shared.attach(tag, this.emu);
  }

  get store(): Emulator["store"] {
    return this.emu.store;
  }

  /** calls answered since the (re)start */
  get calls(): number {
    return this.emu.calls.length;
  }

  /** What the stack owns in the emulator now, the leased lines seeded before the run left out. */
  live(): Resource[] {
    return this.emu.store.all().filter((x) => x.attrs.Fixture !== true);
  }

  /** A restart: the state is read back from its file, and the endpoint drops every open connection. */
  async restart(): Promise<void> {
    this.collect();
    this.emu = new Emulator(this.options);
    this.shared.attach(this.tag, this.emu);
    await this.shared.bounce();
  }

  /** Adds the calls answered so far to the tally. */
  collect(): void {
    const calls: CallRecord[] = this.emu.calls.splice(0);
    this.tally.n += calls.length;
    for (const c of calls) {
      if (c.injected) this.tally.injected++;
      else if (c.status >= 400) this.tally.errors++;
      this.tally.ms += c.ms ?? 0;
      if (c.proxiedFor)
        this.tally.proxied.set(`${c.proxiedFor} ${c.action}`, (this.tally.proxied.get(`${c.proxiedFor} ${c.action}`) ?? 0) + 1);
    }
  }

  close(): void {
    this.collect();
    this.shared.detach(this.tag);
  }
}
