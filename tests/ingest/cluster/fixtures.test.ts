import { loadEventFixtures } from "../../../scripts/eval/events.fixtures";

const loaded = loadEventFixtures();

describe("the labelled event fixture set", () => {
  it("has at least 60 articles in Arabic and English across at least 12 stories", () => {
    const languages = new Set(loaded.map((l) => l.fixture.language));
    const stories = new Set(loaded.map((l) => l.fixture.story));
    expect(loaded.length).toBeGreaterThanOrEqual(60);
    expect(stories.size).toBeGreaterThanOrEqual(12);
    expect([...languages].sort()).toEqual(["ar", "en"]);
  });

  it("annotates every gazetteer entity that occurs in an article, and only entities that occur", () => {
    expect(loaded.flatMap((l) => l.problems)).toEqual([]);
  });

  it("links every gold duplicate to an existing earlier article of the same story", () => {
    const byId = new Map(loaded.map((l) => [l.fixture.id, l.fixture]));
    for (const { fixture } of loaded) {
      if (!fixture.duplicateOf) continue;
      const original = byId.get(fixture.duplicateOf);
      expect(original?.story).toBe(fixture.story);
      expect(original && original.publishedAt < fixture.publishedAt).toBe(true);
    }
  });

  it("has unique article ids", () => {
    const ids = loaded.map((l) => l.fixture.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
