import { contributionPairs, sameContribution, type Contribution } from "./contribution";

/** An article entering or leaving a rollup row. */
export interface Sample {
  articleId: number;
  at: Date;
}

export interface EntityDayDelta {
  key: string;
  day: string;
  delta: number;
}

export interface PairDelta {
  a: string;
  b: string;
  /** Set for daily rows; absent for all-time totals. */
  day?: string;
  added: Sample[];
  removed: Sample[];
}

/** Everything a batch of contribution changes does to the rollup tables, with no-op rows dropped. */
export interface RollupDelta {
  entityDays: EntityDayDelta[];
  pairDays: PairDelta[];
  pairTotals: PairDelta[];
}

export interface ContributionChange {
  old?: Contribution;
  next?: Contribution;
}

class PairAccumulator {
  private readonly rows = new Map<string, PairDelta>();

  touch(a: string, b: string, day: string | undefined, side: "added" | "removed", s: Sample): void {
    const id = `${a}\u0000${b}\u0000${day ?? ""}`;
    let row = this.rows.get(id);
    if (!row) {
      row = { a, b, ...(day !== undefined ? { day } : {}), added: [], removed: [] };
      this.rows.set(id, row);
    }
    row[side].push(s);
  }

  /** An article leaving and re-entering a row at the same instant changes nothing there. */
  settled(): PairDelta[] {
    const out: PairDelta[] = [];
    for (const row of this.rows.values()) {
      const id = (s: Sample) => `${s.articleId}@${s.at.getTime()}`;
      const addedIds = new Set(row.added.map(id));
      const removedIds = new Set(row.removed.map(id));
      const added = row.added.filter((s) => !removedIds.has(id(s)));
      const removed = row.removed.filter((s) => !addedIds.has(id(s)));
      if (added.length || removed.length) out.push({ ...row, added, removed });
    }
    return out.sort(byPair);
  }
}

function byPair(x: PairDelta, y: PairDelta): number {
  return cmp(x.a, y.a) || cmp(x.b, y.b) || cmp(x.day ?? "", y.day ?? "");
}

function cmp(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The net effect of replacing each article's old contribution by its next one (either may be absent:
 * a new article, a removed one). Rows come out sorted so concurrent writers lock them in one order.
 */
export function diffContributions(changes: readonly ContributionChange[]): RollupDelta {
  const days = new Map<string, EntityDayDelta>();
  const pairDays = new PairAccumulator();
  const pairTotals = new PairAccumulator();
  const apply = (c: Contribution, sign: 1 | -1) => {
    const side = sign > 0 ? "added" : "removed";
    const sample = { articleId: c.articleId, at: c.publishedAt };
    for (const key of c.keys) {
      const id = `${key}\u0000${c.day}`;
      const row = days.get(id) ?? { key, day: c.day, delta: 0 };
      row.delta += sign;
      days.set(id, row);
    }
    for (const [a, b] of contributionPairs(c)) {
      pairDays.touch(a, b, c.day, side, sample);
      pairTotals.touch(a, b, undefined, side, sample);
    }
  };
  for (const { old, next } of changes) {
    if (sameContribution(old, next)) continue;
    if (old) apply(old, -1);
    if (next) apply(next, 1);
  }
  const entityDays = [...days.values()].filter((d) => d.delta !== 0).sort((x, y) => cmp(x.key, y.key) || cmp(x.day, y.day));
  return { entityDays, pairDays: pairDays.settled(), pairTotals: pairTotals.settled() };
}
