import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** A value for a json/jsonb column; arrays are otherwise taken as text[] (an empty [] is ambiguous). */
export class Json {
  constructor(readonly value: unknown) {}
}

export const json = (value: unknown) => new Json(value);

/** A value as PostgreSQL's COPY text format takes it: plain objects are JSON, arrays text[]. */
export type CopyValue = string | number | boolean | Date | null | undefined | readonly string[] | Json | Record<string, unknown>;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** Escapes a text field for COPY: backslash, tab, newline and carriage return. */
export function copyText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}

/** A text[] literal ({"a","b"}), before COPY escaping. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

/** One field: NULL as \N, dates as ISO 8601, arrays as text[] literals, objects as JSON. */
export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "string") return copyText(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`bench.copy: expected a finite number, got ${v}`);
    return String(v);
  }
  if (typeof v === "boolean") return v ? "t" : "f";
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Json) return copyText(JSON.stringify(v.value));
  if (Array.isArray(v)) {
    if (!v.every((x) => typeof x === "string")) throw new Error("bench.copy: expected a text[] of strings (wrap JSON arrays in json()), got other elements");
    return copyText(arrayLiteral(v));
  }
  return copyText(JSON.stringify(v));
}

export function copyLine(values: readonly CopyValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i ? "\t" : "") + copyField(values[i]);
  return `${line}\n`;
}

const FLUSH_AT = 256 * 1024;

/**
 * One `COPY table (columns) FROM STDIN` on its own connection. Rows are batched into large
 * writes; `add` resolves at once unless the server is behind, so a fast producer waits for it.
 */
export class CopyWriter {
  private buffer = "";
  private stream?: Writable;
  rows = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
    private readonly client: PoolClient,
  ) {}

  start(): void {
    this.stream = this.client.query(copyFrom(`COPY ${this.table} (${this.columns.join(", ")}) FROM STDIN`));
    // Errors surface on the next write or on finish; keep them from crashing the process meanwhile.
    this.stream.on("error", () => undefined);
  }

  async add(values: readonly CopyValue[]): Promise<void> {
    if (values.length !== this.columns.length) {
      throw new Error(`bench.copy: ${this.table} expects ${this.columns.length} values per row, got ${values.length}`);
    }
    this.buffer += copyLine(values);
    this.rows += 1;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    const stream = this.stream;
    if (!stream) throw new Error(`bench.copy: COPY into ${this.table} written to before start()`);
    if (stream.errored) throw stream.errored;
    const chunk = this.buffer;
    this.buffer = "";
    // events.once rejects when the stream errors, and removes its listeners either way.
    if (!stream.write(chunk)) await once(stream, "drain");
  }

  /** Sends what is left and waits until the server has committed the COPY. */
  async end(): Promise<number> {
    if (this.buffer) await this.flush();
    const stream = this.stream!;
    stream.end();
    await finished(stream);
    return this.rows;
  }
}
