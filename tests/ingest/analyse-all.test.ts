import { analyseAll, type Analysed } from "../../src/ingest/analyse";

const analysisOf = (n: number) => ({ draft: { title: `item ${n}` }, entities: {} }) as unknown as Analysed;

describe("analyseAll", () => {
  it("returns one analysis per item, in the items' order", async () => {
    const out = await analyseAll([3, 1, 2], analysisOf);
    expect(out.map((a) => a.draft.title)).toEqual(["item 3", "item 1", "item 2"]);
  });

  it("lets work waiting on the event loop run before a long feed is done", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("waiting work"));
    await analyseAll(Array.from({ length: 12 }, (_, i) => i), (n) => {
      order.push(`item ${n}`);
      return analysisOf(n);
    });
    expect(order.indexOf("waiting work")).toBeGreaterThan(0);
    expect(order.indexOf("waiting work")).toBeLessThan(order.indexOf("item 11"));
  });
});
