import type { Pool, PoolClient } from "pg";
import { CopyWriter, type CopyValue } from "./copy";

interface Open { writer: CopyWriter; client: PoolClient }

async function endOn(open: Open): Promise<number> {
  try {
    return await open.writer.end();
  } finally {
    open.client.release();
  }
}

/**
 * One table's rows COPYed in segments, each on a connection of its own. article_text's trigger
 * computes a segment's search vectors when that segment's COPY ends, on its connection, while the
 * next segment streams in on another: the vectors are computed alongside Node building articles,
 * not all after the last one.
 */
export class SegmentedWriter {
  private current?: Open;
  private ending?: Promise<number>;
  private committed = 0;

  constructor(
    private readonly pool: Pool,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly segmentRows: number,
  ) {}

  async add(values: readonly CopyValue[]): Promise<void> {
    if (!this.current || this.current.writer.rows >= this.segmentRows) await this.rotate();
    await this.current!.writer.add(values);
  }

  /** Waits for every segment to commit; the number of rows written. */
  async end(): Promise<number> {
    await this.settle();
    const last = this.current;
    this.current = undefined;
    if (last) this.committed += await endOn(last);
    return this.committed;
  }

  /** Gives back the open connection after a failure elsewhere (its COPY is abandoned with it). */
  release(): void {
    this.current?.client.release(true);
    this.current = undefined;
  }

  private async rotate(): Promise<void> {
    // One segment ending per stream at a time: a server that falls behind holds the producer back.
    await this.settle();
    if (this.current) {
      this.ending = endOn(this.current);
      this.current = undefined;
      // Awaited by the next rotate or end; until then a failure must not count as unhandled.
      this.ending.catch(() => undefined);
    }
    const client = await this.pool.connect();
    this.current = { writer: new CopyWriter(this.table, this.columns, client), client };
    this.current.writer.start();
  }

  private async settle(): Promise<void> {
    const ending = this.ending;
    this.ending = undefined;
    if (ending) this.committed += await ending;
  }
}
