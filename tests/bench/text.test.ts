import { WordSource } from "../../bench/generate/lexicon";
import { AR } from "../../bench/generate/lexicon.ar";
import { EN } from "../../bench/generate/lexicon.en";
import { streamRng } from "../../bench/generate/random";
import { countWords, escapeHtml, writers } from "../../bench/generate/text";

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe("word lists", () => {
  it.each([["English", EN], ["Arabic", AR]])("give %s a few hundred distinct words", (_name, lexicon) => {
    const size = new WordSource(lexicon).vocabulary().size;
    expect(size).toBeGreaterThanOrEqual(300);
    expect(size).toBeLessThan(700);
  });

  it("keeps Arabic lists in Arabic script and English lists in Latin", () => {
    for (const w of new WordSource(AR).vocabulary()) expect(w).toMatch(/^[\u0600-\u06FF،]+$/);
    for (const w of new WordSource(EN).vocabulary()) expect(w).toMatch(/^[A-Za-z,']+$/);
  });
});

describe("the text writer", () => {
  const placements = { subjects: ["Fatima Salem Mikati", "Fatima Salem Mikati", "John Paul Smith"], places: ["Egypt", "Cairo"] };

  it("writes every subject and place into the body exactly as often as listed", () => {
    const body = writers.en.body(streamRng(1, "t"), 10, placements);
    expect(occurrences(body.text, "Fatima Salem Mikati")).toBe(2);
    expect(occurrences(body.text, "John Paul Smith")).toBe(1);
    expect(occurrences(body.text, " Egypt")).toBe(1);
    expect(occurrences(body.text, " Cairo")).toBe(1);
  });

  it("makes room when there are more names than sentences", () => {
    const many = { subjects: Array.from({ length: 12 }, (_, i) => `Person${i}`), places: [] };
    const body = writers.en.body(streamRng(2, "t"), 3, many);
    for (let i = 0; i < 12; i++) expect(body.text).toContain(`Person${i} `);
  });

  it("counts the words it wrote and mirrors the paragraphs in HTML", () => {
    const body = writers.ar.body(streamRng(3, "t"), 14, { subjects: ["محمد أحمد المصري"], places: ["مصر"] });
    expect(body.words).toBe(countWords(body.text));
    const paragraphs = body.text.split("\n\n");
    expect(body.html.match(/<p>/g)).toHaveLength(paragraphs.length);
    expect(body.html).toContain(`<p>${paragraphs[0]}</p>`);
  });

  it("writes Arabic sentences without Latin letters, ending in a full stop", () => {
    const rng = streamRng(4, "t");
    for (let i = 0; i < 50; i++) {
      const s = writers.ar.sentence(rng);
      expect(s).not.toMatch(/[A-Za-z]/);
      expect(s.endsWith(".")).toBe(true);
    }
  });

  it("capitalises English sentences and headlines", () => {
    const rng = streamRng(5, "t");
    for (let i = 0; i < 50; i++) {
      expect(writers.en.sentence(rng)).toMatch(/^[A-Z]/);
      expect(writers.en.headline(rng)).toMatch(/^[A-Z][^.]*$/);
    }
  });

  it("leads a headline with the story topic when given one", () => {
    expect(writers.en.headline(streamRng(6, "t"), "Ali Omar Saleh", "Doha", "Water agreement")).toMatch(/^Water agreement: .*Ali Omar Saleh.* in Doha$/);
    expect(writers.ar.headline(streamRng(6, "t"), "علي عمر صالح", "الدوحة", "اتفاق المياه")).toMatch(/^اتفاق المياه: .*علي عمر صالح.* في الدوحة$/);
  });

  it("is deterministic for a given generator state", () => {
    expect(writers.en.body(streamRng(7, "t"), 12, placements)).toEqual(writers.en.body(streamRng(7, "t"), 12, placements));
  });

  it("escapes HTML special characters", () => {
    expect(escapeHtml(`teachers' <strike> & "pay"`)).toBe("teachers&#39; &lt;strike&gt; &amp; &quot;pay&quot;");
  });

  it("counts words separated by any whitespace", () => {
    expect(countWords("  one two\n\nthree\tfour ")).toBe(4);
    expect(countWords("")).toBe(0);
  });
});
