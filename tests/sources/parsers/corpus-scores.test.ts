import { corpusEnabled } from "../../support/corpus";
import { evalFeeds } from "../../../scripts/eval/feeds";
import type { SubsetScore } from "../../../scripts/eval/feeds/compare";

// Floors sit just under the scores measured with `node dist/scripts/eval/feeds.js`; a drop below one is a regression.
const FLOORS: Record<string, number> = {
  "gofeed translator (universal model)": 0.96,
  "gofeed parser/universal detection": 0.99,
  "rss-parser golden outputs (per field)": 0.99,
  "feedparser Expect: (mapped expectations)": 0.97,
  "feedparser date-parsers.json": 0.98,
};

// The third-party corpus lives outside the repo; CI sets KHABAR_SKIP_CORPUS=1 only where it is absent.
(corpusEnabled ? describe : describe.skip)("feed parser scores on other projects' test data", () => {
  let rows: SubsetScore[] = [];

  beforeAll(async () => {
    rows = await evalFeeds();
  });

  it("scores every subset it knows a floor for", () => {
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(FLOORS).sort());
  });

  it.each(Object.entries(FLOORS))("holds %s at or above %p", (name, floor) => {
    const row = rows.find((r) => r.name === name);
    expect(row?.total).toBeGreaterThan(0);
    expect(row?.score).toBeGreaterThanOrEqual(floor);
  });
});
