describe("the English lexicon's compromise", () => {
  it("is loaded on the first name lookup, not when the extractor is imported", () => {
    jest.isolateModules(() => {
      const loaded = jest.fn();
      jest.doMock("compromise", () => {
        loaded();
        return jest.requireActual("compromise");
      });
      require("../../../src/ingest/entities");
      expect(loaded).not.toHaveBeenCalled();
      const { isGivenName, isCommonWord } = require("../../../src/ingest/entities/lexicon.en");
      expect(isGivenName("john")).toBe(true);
      expect(isCommonWord("however")).toBe(true);
      expect(isGivenName("however")).toBe(false);
      expect(loaded).toHaveBeenCalledTimes(1);
    });
  });
});
