import {
  PAIR_ENTITY_CAP,
  bucketRange,
  buildContribution,
  contributionPairs,
  diffContributions,
  fillBuckets,
  findPath,
  parseEntityKey,
  trendQuery,
  type PathGraph,
} from "../../src/ingest/rollups";

const at = (iso: string) => new Date(iso);

describe("an article's contribution", () => {
  it("puts the event first, then the most salient entities, and pairs only the top twelve", () => {
    const mentions = [
      ...Array.from({ length: 15 }, (_, i) => ({ key: `c:${String.fromCharCode(65 + i)}A`, salience: i / 100, count: 1 })),
      { key: "p:7", salience: 0.9, count: 2 },
      { key: "e:3", salience: 0.1, count: 1 },
    ];
    const c = buildContribution(10, at("2025-07-10T23:30:00+02:00"), mentions)!;
    expect(c.day).toBe("2025-07-10");
    expect(c.keys.slice(0, 3)).toEqual(["e:3", "p:7", "c:OA"]);
    expect(c.keys).toHaveLength(17);
    expect(c.pairN).toBe(PAIR_ENTITY_CAP);
    expect(contributionPairs(c)).toHaveLength((PAIR_ENTITY_CAP * (PAIR_ENTITY_CAP - 1)) / 2);
    expect(contributionPairs(c).every(([a, b]) => a < b)).toBe(true);
  });

  it("is nothing for an article without entities", () => {
    expect(buildContribution(1, at("2025-07-10T00:00:00Z"), [])).toBeUndefined();
  });
});

describe("the rollup delta of a change", () => {
  const base = buildContribution(1, at("2025-07-10T08:00:00Z"), [{ key: "p:1", salience: 0.9, count: 1 }, { key: "p:2", salience: 0.5, count: 1 }])!;

  it("adds a new article's entities and pairs", () => {
    const d = diffContributions([{ next: base }]);
    expect(d.entityDays).toEqual([{ key: "p:1", day: "2025-07-10", delta: 1 }, { key: "p:2", day: "2025-07-10", delta: 1 }]);
    expect(d.pairDays).toMatchObject([{ a: "p:1", b: "p:2", day: "2025-07-10", added: [{ articleId: 1 }], removed: [] }]);
    expect(d.pairTotals).toHaveLength(1);
  });

  it("is empty for an unchanged contribution and cancels rows an update leaves in place", () => {
    expect(diffContributions([{ old: base, next: { ...base } }])).toEqual({ entityDays: [], pairDays: [], pairTotals: [] });
    const next = buildContribution(1, base.publishedAt, [{ key: "p:1", salience: 0.9, count: 1 }, { key: "p:2", salience: 0.5, count: 1 }, { key: "c:RU", salience: 0.1, count: 1 }])!;
    const d = diffContributions([{ old: base, next }]);
    expect(d.entityDays).toEqual([{ key: "c:RU", day: "2025-07-10", delta: 1 }]);
    expect(d.pairDays.map((p) => `${p.a}~${p.b}`)).toEqual(["c:RU~p:1", "c:RU~p:2"]);
  });

  it("moves every row when the publication day changes, and takes everything back on removal", () => {
    const moved = { ...base, day: "2025-07-11", publishedAt: at("2025-07-11T08:00:00Z") };
    const d = diffContributions([{ old: base, next: moved }]);
    expect(d.entityDays.map((e) => `${e.key}@${e.day}:${e.delta}`)).toEqual(["p:1@2025-07-10:-1", "p:1@2025-07-11:1", "p:2@2025-07-10:-1", "p:2@2025-07-11:1"]);
    expect(d.pairTotals).toMatchObject([{ a: "p:1", b: "p:2", added: [{ articleId: 1 }], removed: [{ articleId: 1 }] }]);
    const gone = diffContributions([{ old: base }]);
    expect(gone.entityDays.every((e) => e.delta === -1)).toBe(true);
  });
});

describe("timeline buckets", () => {
  it("aligns weeks to Monday and months to the first, in UTC", () => {
    expect(bucketRange("WEEK", at("2025-07-02T00:00:00Z"), at("2025-07-15T00:00:00Z")).map((d) => d.toISOString().slice(0, 10)))
      .toEqual(["2025-06-30", "2025-07-07", "2025-07-14"]);
    expect(bucketRange("MONTH", at("2024-12-31T23:00:00Z"), at("2025-02-01T00:00:00Z")).map((d) => d.toISOString().slice(0, 7)))
      .toEqual(["2024-12", "2025-01"]);
  });

  it("fills gaps with zeros and drops points outside the range", () => {
    const b = fillBuckets("HOUR", at("2025-07-10T10:30:00Z"), at("2025-07-10T13:00:00Z"), [
      { at: at("2025-07-10T10:00:00Z"), count: 2 }, { at: at("2025-07-10T12:59:00Z"), count: 1 }, { at: at("2025-07-10T14:00:00Z"), count: 9 },
    ]);
    expect(b.map((x) => x.count)).toEqual([2, 0, 1]);
  });
});

describe("trend windows", () => {
  it("counts today by its elapsed part and sets the baseline right before the recent days", () => {
    const q = trendQuery("p", { recentDays: 2, baselineDays: 14, at: at("2025-07-16T06:00:00Z") }, { minSupport: 3, limit: 20 });
    expect(q).toMatchObject({ recentFrom: "2025-07-15", recentTo: "2025-07-16", baselineFrom: "2025-07-01", recentDays: 1.25, baselineDays: 14 });
  });

  it("treats midnight as the end of the day before", () => {
    const q = trendQuery("e", { recentDays: 1, baselineDays: 7, at: at("2025-07-16T00:00:00Z") }, { minSupport: 3, limit: 20 });
    expect(q).toMatchObject({ recentFrom: "2025-07-15", recentTo: "2025-07-15", baselineFrom: "2025-07-08", recentDays: 1 });
  });
});

describe("path search", () => {
  /** An undirected weighted graph in memory, answering like the pair totals do. */
  function graph(edges: [string, string, number][]): PathGraph & { lookups: number } {
    const weight = new Map<string, number>();
    for (const [x, y, n] of edges) weight.set(x < y ? `${x}~${y}` : `${y}~${x}`, n);
    const g = {
      lookups: 0,
      async partners(keys: string[], limit: number) {
        return new Map(keys.map((k) => [k, edges.filter(([x, y]) => x === k || y === k)
          .map(([x, y, n]) => ({ key: x === k ? y : x, count: n })).sort((p, q) => q.count - p.count).slice(0, limit)]));
      },
      async edges(pairs: [string, string][]) {
        g.lookups += pairs.length;
        return new Map(pairs.filter(([a, b]) => weight.has(`${a}~${b}`)).map(([a, b]) => [`${a}~${b}`, weight.get(`${a}~${b}`)!]));
      },
    };
    return g;
  }

  it("prefers the chain whose weakest link is strongest", async () => {
    const g = graph([["p:1", "p:2", 10], ["p:2", "p:9", 1], ["p:1", "p:3", 4], ["p:3", "p:9", 4]]);
    expect(await findPath(g, "p:1", "p:9", { maxHops: 3 })).toEqual({ nodes: ["p:1", "p:3", "p:9"], counts: [4, 4] });
  });

  it("meets in the middle for three hops and gives up beyond maxHops", async () => {
    const g = graph([["p:1", "p:2", 5], ["p:2", "p:3", 2], ["p:3", "p:4", 7], ["p:4", "p:5", 1]]);
    expect(await findPath(g, "p:1", "p:4", { maxHops: 3 })).toEqual({ nodes: ["p:1", "p:2", "p:3", "p:4"], counts: [5, 2, 7] });
    expect(await findPath(g, "p:1", "p:5", { maxHops: 3 })).toBeNull();
    expect(await findPath(g, "p:1", "p:4", { maxHops: 2 })).toBeNull();
  });

  it("expands only the strongest partners of each end", async () => {
    const hub = Array.from({ length: 100 }, (_, i) => [`p:1`, `c:${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`, 100 - i] as [string, string, number]);
    const g = graph([...hub, ["p:9", "p:8", 3]]);
    expect(await findPath(g, "p:1", "p:9", { maxHops: 3, fanout: 10 })).toBeNull();
    expect(g.lookups).toBeLessThanOrEqual(1 + 11 + 10);
  });
});

describe("entity keys", () => {
  it("accepts person, country and event keys only", () => {
    expect(parseEntityKey("p:12")).toEqual({ kind: "p", id: "12" });
    expect(parseEntityKey("c:RU")).toEqual({ kind: "c", id: "RU" });
    expect(parseEntityKey("c:ru")).toBeUndefined();
    expect(parseEntityKey("t:en:war")).toBeUndefined();
  });
});
