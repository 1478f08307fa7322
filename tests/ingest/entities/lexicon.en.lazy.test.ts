import { withLoadSpy } from "../../support/load-spy";

describe("the English lexicon's compromise", () => {
  it("is loaded on the first name lookup, not when the extractor is imported", () => {
    withLoadSpy("compromise", (loads) => {
      require("../../../src/ingest/entities");
      expect(loads).not.toHaveBeenCalled();
      const { isGivenName, isCommonWord } = require("../../../src/ingest/entities/lexicon.en");
      expect(isGivenName("john")).toBe(true);
      expect(isCommonWord("however")).toBe(true);
      expect(isGivenName("however")).toBe(false);
      expect(loads).toHaveBeenCalledTimes(1);
    });
  });
});
