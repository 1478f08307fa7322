import { InMemoryEntityStats, InMemoryEventStore } from "../../../src/ingest/cluster";
import { emptyEvent } from "../../../src/ingest/cluster/event";
import type { EventSnapshot } from "../../../src/ingest/cluster";

const day = (d: number, h = 12) => new Date(Date.UTC(2025, 6, d, h));

function event(id: string, first: Date, last: Date, keys: string[]): EventSnapshot {
  return { ...emptyEvent(id, first), lastSeen: last, keys };
}

describe("InMemoryEventStore", () => {
  it("returns only events that share a key and whose span meets the window, best overlap first", async () => {
    const store = new InMemoryEventStore();
    await store.save(event("asean", day(10), day(11), ["p:lavrov", "p:rubio", "c:MY"]));
    await store.save(event("brics", day(6), day(7), ["p:lavrov", "c:BR"]));
    await store.save(event("cuba", day(11), day(11), ["p:rubio", "c:CU"]));
    await store.save(event("wimbledon", day(13), day(13), ["p:sinner"]));
    const found = await store.candidates({
      entityKeys: ["p:lavrov", "p:rubio"],
      termKeys: ["t:en:asean"],
      from: day(9),
      to: day(12),
      limit: 10,
    });
    expect(found.map((e) => e.id)).toEqual(["asean", "cuba"]);
  });

  it("stops at the limit and re-indexes an event when its keys or span change", async () => {
    const store = new InMemoryEventStore();
    await store.save(event("a", day(1), day(1), ["c:US"]));
    await store.save(event("b", day(1), day(1), ["c:US"]));
    expect(await store.candidates({ entityKeys: ["c:US"], termKeys: [], from: day(1, 0), to: day(1, 23), limit: 1 })).toHaveLength(1);
    await store.save(event("a", day(1), day(5), ["p:putin"]));
    const q = { termKeys: [], from: day(5, 0), to: day(5, 23), limit: 5 };
    expect((await store.candidates({ ...q, entityKeys: ["p:putin"] })).map((e) => e.id)).toEqual(["a"]);
    expect(await store.candidates({ ...q, entityKeys: ["c:US"] })).toEqual([]);
  });

  it("moves article links to the surviving event on merge and forgets the absorbed one", async () => {
    const store = new InMemoryEventStore();
    await store.save(event("keep", day(1), day(1), ["c:US"]));
    await store.save(event("gone", day(1), day(1), ["c:US"]));
    await store.linkArticle("x", "keep");
    await store.linkArticle("y", "gone");
    await store.merge("keep", "gone");
    expect(await store.eventOfArticle("y")).toBe("keep");
    expect(await store.get("gone")).toBeUndefined();
    expect(store.articlesOf("keep").sort()).toEqual(["x", "y"]);
    expect(await store.candidates({ entityKeys: ["c:US"], termKeys: [], from: day(1, 0), to: day(1, 23), limit: 5 })).toHaveLength(1);
  });

  it("refuses to merge into an event it does not hold", async () => {
    const store = new InMemoryEventStore();
    await expect(store.merge("nope", "other")).rejects.toMatchObject({ code: "CLUSTER_STORE_INCONSISTENT" });
  });
});

describe("InMemoryEntityStats", () => {
  it("counts each key once per article", () => {
    const stats = new InMemoryEntityStats();
    stats.observe(["c:US", "c:US", "p:lavrov"]);
    stats.observe(["c:US"]);
    expect(stats.totalDocuments()).toBe(2);
    expect(stats.documentFrequency("c:US")).toBe(2);
    expect(stats.documentFrequency("p:lavrov")).toBe(1);
    expect(stats.documentFrequency("p:nobody")).toBe(0);
  });
});
