import { withLoadSpy } from "../../support/load-spy";

describe("parseDocument's jsdom", () => {
  it("is loaded only when a page is parsed, not when the feed pipeline is imported", () => {
    withLoadSpy("jsdom", (loads) => {
      require("../../../src/ingest/pipeline");
      expect(loads).not.toHaveBeenCalled();
      const { parseDocument } = require("../../../src/sources/extract/dom");
      const doc = parseDocument("<html><body><h1>عنوان</h1></body></html>", "https://news.example.com/a.html");
      expect(doc.querySelector("h1")?.textContent).toBe("عنوان");
      expect(loads).toHaveBeenCalledTimes(1);
      parseDocument("<p>again</p>", "https://news.example.com/b.html");
      expect(loads).toHaveBeenCalledTimes(1);
    });
  });
});
