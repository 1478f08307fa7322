import {
  DEDUP_BANDS,
  DEDUP_THRESHOLD,
  DedupError,
  InMemoryDedupIndex,
  decodeSignature,
  dedupKeys,
  dedupSignature,
  dedupSimilarity,
  encodeSignature,
  isNearDuplicate,
} from "../../../src/ingest/cluster";
import { findOriginals, pgDedup } from "../../../src/ingest/cluster/pg.dedup";
import { loadEventFixtures } from "../../../scripts/eval/events.fixtures";

const byId = new Map(loadEventFixtures().map((l) => [l.fixture.id, l.article]));
const memo = new Map<string, ReturnType<typeof dedupSignature>>();
const sig = (id: string) => {
  const a = byId.get(id);
  if (!a) throw new Error(`no fixture ${id}`);
  if (!memo.has(id)) memo.set(id, dedupSignature(a.bodyText));
  return memo.get(id) as ReturnType<typeof dedupSignature>;
};

describe("near-duplicate detection", () => {
  it.each([
    ["a reprint under a new headline with a trailing agency line", "call-en-globewire", "call-en-ledger"],
    ["a reprint with a few words changed and newsletter boilerplate appended", "call-en-globewire", "call-en-metrotimes"],
    ["a reprint ending in a bare (Globewire) credit line", "floods-en-globewire", "floods-en-coastal"],
    ["a reprint with a dateline, reworded lines and a copyright footer", "floods-en-globewire", "floods-en-metrotimes"],
    ["a reprint with social-media boilerplate and a related-link line", "asean-en-globewire", "asean-en-coastal"],
    ["a reprint that drops its last paragraph", "asean-en-globewire", "asean-en-metrotimes"],
    ["an Arabic reprint with two phrases changed and an app plug", "ultimatum-ar-arabwire", "ultimatum-ar-annahar"],
  ])("flags %s as a duplicate", (_what, original, copy) => {
    expect(isNearDuplicate(sig(original), sig(copy))).toBe(true);
  });

  it.each([
    ["Rubio at ASEAN and Rubio's Cuba sanctions on the same day", "seed-english-asean", "cuba-en-globewire"],
    ["Lavrov at ASEAN and Lavrov's warning on Western troops on the same day", "seed-english-asean", "lavrov-en-worldreport"],
    ["two Arabic reports on Lavrov the same day", "seed-arabic-asean", "lavrov-ar-annahar"],
    ["the flood report and the follow-up that reuses its background paragraph", "floods-en-globewire", "visit-en-chronicle"],
    ["two independent reports of the same summit", "nato-en-northstar", "nato-en-globewire"],
  ])("does not flag %s", (_what, a, b) => {
    expect(isNearDuplicate(sig(a), sig(b))).toBe(false);
  });

  it("scores an identical body 1 and an empty body 0", () => {
    expect(dedupSimilarity(sig("seed-arabic-asean"), sig("seed-arabic-asean"))).toBe(1);
    expect(dedupSimilarity(dedupSignature(""), sig("seed-arabic-asean"))).toBe(0);
    expect(dedupSimilarity(dedupSignature(""), dedupSignature(""))).toBe(0);
  });

  it("ignores diacritics, tatweel and alef variants when comparing Arabic bodies", () => {
    const plain = "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة لمواصلة الحوار مع واشنطن بشأن أوكرانيا والعلاقات الثنائية";
    const voweled = "قالَ وزيرُ الخارجيةِ الروسيّ سيرغي لافـــروف ان موسكو مُستعدة لمواصلة الحوار مع واشنطن بشان اوكرانيا والعلاقات الثنائيه";
    expect(dedupSimilarity(dedupSignature(plain), dedupSignature(voweled))).toBe(1);
  });
});

describe("dedup index keys", () => {
  it("derives one integer key per band, below 2^53, with the band index in the top bits", () => {
    const keys = dedupKeys(sig("seed-english-asean"));
    expect(keys).toHaveLength(DEDUP_BANDS);
    keys.forEach((k, band) => {
      expect(k).toMatch(/^\d+$/);
      const n = Number(k);
      expect(Number.isSafeInteger(n)).toBe(true);
      expect(Math.floor(n / 2 ** 48)).toBe(band);
    });
  });

  it("gives duplicates at least one shared key and unrelated bodies none", () => {
    const shared = (a: string, b: string) => dedupKeys(sig(a)).filter((k) => dedupKeys(sig(b)).includes(k)).length;
    expect(shared("asean-en-globewire", "asean-en-coastal")).toBeGreaterThan(0);
    expect(shared("asean-en-globewire", "wimbledon-en-worldreport")).toBe(0);
  });

  it("gives no keys to a body too short to compare safely", () => {
    expect(dedupKeys(dedupSignature("Breaking: ministers meet in Kuala Lumpur."))).toEqual([]);
  });

  it("computes the same signature and keys as the stored ones of earlier releases", () => {
    // Stored bands and signatures are compared with new ones: the hashing must never drift.
    const text = "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara on Tuesday to discuss the grain corridor. قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات كانت بناءة";
    const sig = dedupSignature(text);
    expect(encodeSignature(sig)).toBe(
      "26:kiZHALsmSwsfEg0AfIEUAADzIgBorJAF06jWAr0GTheo6k0FtoAYAt5h7B9m5FQXgz4HCGyLNARxFvYAd+mEAnVKcxGQAOUAeal9A/GMyAT79AIDfAeADNZr8AbdK7wCLRR6EoRu3QFhD40D9fCaAWSP0wB0PHsZRv7NAUkBcBcup6QJ0EU0A0hCqgj6lOMD6S/fAVbRww2gYhgJCNcICcAxQQPJShYQcGAKAaxsURDmpD8IYKauA9NDJgYHZVIVaKHpAFhbFQzFFbkOCDq+B1ewWgX5fmMNHqdtA3+IrAdfIk8abtCbAqwVEQg24WUHg1y/C0jfBQBVh48BkPoDACn7QQsONeAYEypfCvYGKQOTaZUM4toLBtjJohOdDj0BqLk8BccjvAFTTmwPqaFwCM1juwbs3h8ErmaTAnGlIQ5i2f0OkHegAZIabAUm/PsCKSUCAG5FSQsahzACOPjXAITZXQTIQIUDLsvZCtDNWga8cFQCqFiaDrPFTAEba9kOJ7TbBARwJgUrUvIBXFfYCckMlgOLXDQDTZenAEENcgZFn5AJiQ31BYYcmQisGjETjkfnAkL7tAHbiYMZjt8zBcc77AOrWYIAP/w3BJqdBA911IEQVZHgAaoQZxN8iSgBss4NAOr1cwUsrz0Q6nIoBJMmLQHAI7IA0+/ACtNWpCg=",
    );
    expect(dedupKeys(sig).slice(0, 3)).toEqual(["42041795382093", "311547727087114", "828134227128676"]);
    expect(encodeSignature(dedupSignature("two words")).slice(0, 40)).toBe("1:riZ7qa/AJEhRwogW2wRS4tQL8DgiyLx0Vam/+b");
  });

  it("round-trips a signature through its text encoding", () => {
    const s = sig("seed-arabic-asean");
    const back = decodeSignature(encodeSignature(s));
    expect(back.shingles).toBe(s.shingles);
    expect(dedupSimilarity(back, s)).toBe(1);
  });

  it("rejects a malformed stored signature with a coded error naming what it got", () => {
    expect(() => decodeSignature("12:abc")).toThrow(DedupError);
    let caught: unknown;
    try {
      decodeSignature("not a signature");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DedupError);
    expect((caught as DedupError).code).toBe("DEDUP_BAD_SIGNATURE");
    expect((caught as Error).message).toContain('"not a signature"');
  });
});

describe("InMemoryDedupIndex", () => {
  it("finds the original of a reprint and points later reprints at the first article", () => {
    const index = new InMemoryDedupIndex();
    index.add("call-en-globewire", sig("call-en-globewire"));
    index.add("nato-en-globewire", sig("nato-en-globewire"));
    const first = index.findOriginal(sig("call-en-ledger"));
    expect(first?.id).toBe("call-en-globewire");
    expect(first?.similarity).toBeGreaterThanOrEqual(DEDUP_THRESHOLD);
    index.add("call-en-ledger", sig("call-en-ledger"), first?.id);
    expect(index.findOriginal(sig("call-en-metrotimes"))?.id).toBe("call-en-globewire");
    expect(index.findOriginal(sig("iran-en-globewire"))).toBeUndefined();
  });
});

describe("findOriginals", () => {
  const probe = (id: string) => {
    const body = byId.get(id)!.bodyText;
    return pgDedup(body, body.split(/\s+/).length)!;
  };

  it("points copies in one batch at the batch's earlier original, past unrelated articles, and a stored original first", () => {
    const batch = ["call-en-globewire", "nato-en-globewire", "call-en-ledger", "iran-en-globewire", "call-en-metrotimes", "nato-en-northstar"];
    const ids = [101, 102, 103, 104, 105, 106];
    expect(findOriginals(batch.map(probe), ids, new Map())).toEqual([undefined, undefined, 101, undefined, 101, undefined]);
    const stored = new Map([[0, [{ id: 7, signature: probe("call-en-globewire").signature, originalId: undefined }]]]);
    expect(findOriginals(batch.map(probe), ids, stored)).toEqual([7, undefined, 7, undefined, 7, undefined]);
  });

  it("never matches a body too short to compare", () => {
    const short = pgDedup("one two three", 3);
    expect(short).toBeUndefined();
    expect(findOriginals([probe("call-en-globewire"), short], [1, 2], new Map())).toEqual([undefined, undefined]);
  });
});
