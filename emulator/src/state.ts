/**
 * Emulator state: every resource as the API describes it, kept in one JSON file written
 * after each change (write to a temporary file, then rename), so that an emulator
 * restarted in the middle of an apply continues with the same resources.
 */
import * as fs from "fs";
import * as path from "path";

export interface Resource {
  /** resource kind, e.g. "vpc", "routeEntry" */
  readonly kind: string;
  readonly id: string;
  /** the account (UID) that owns it */
  readonly owner: string;
  readonly region: string;
  /** epoch ms at which an asynchronous create or change completes */
  readyAt: number;
  /** the API fields, by their wire names */
  attrs: Record<string, unknown>;
  tags: Record<string, string>;
  /** the call that made it (absent for what the API makes by itself and for fixtures) */
  readonly origin?: { readonly action: string; readonly clientToken?: string; readonly at: number };
}

interface StateFile {
  seq: number;
  resources: Record<string, Resource>;
  /** answers already given, by account, action and ClientToken */
  tokens?: Record<string, Record<string, unknown>>;
}

export class Store {
  private state: StateFile;
  constructor(private readonly file?: string) {
    this.state = file && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as StateFile) : { seq: 0, resources: {} };
  }

  nextSeq(): number {
    return ++this.state.seq;
  }

  get(id: string): Resource | undefined {
    return this.state.resources[id];
  }

  put(r: Resource): Resource {
    this.state.resources[r.id] = r;
    return r;
  }

  delete(id: string): void {
    delete this.state.resources[id];
  }

  /**
   * Removes what an asynchronous delete has finished with: a record whose `GoneAt` (epoch ms,
   * set when its delete was accepted) has passed. Until then it shows its leaving status.
   */
  expire(now: number): void {
    for (const [id, r] of Object.entries(this.state.resources))
      if (typeof r.attrs.GoneAt === "number" && r.attrs.GoneAt <= now) delete this.state.resources[id];
  }

  all(kind?: string): Resource[] {
    const rs = Object.values(this.state.resources);
    return kind ? rs.filter((r) => r.kind === kind) : rs;
  }

  /** the answer a call with this idempotency key already got, if any */
  answered(key: string): Record<string, unknown> | undefined {
    return this.state.tokens?.[key];
  }

  remember(key: string, body: Record<string, unknown>): void {
    (this.state.tokens ??= {})[key] = body;
  }

  save(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state));
    fs.renameSync(tmp, this.file);
  }
}
