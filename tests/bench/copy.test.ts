import { arrayLiteral, copyField, copyLine, copyText, json } from "../../bench/generate/copy";

describe("COPY text encoding", () => {
  it("escapes backslash, tab, newline and carriage return, and nothing else", () => {
    expect(copyText("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyText(`plain "quoted" 'text' عربي`)).toBe(`plain "quoted" 'text' عربي`);
  });

  it("writes NULL as \\N and the string \\N escaped, so the two stay apart", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField(undefined)).toBe("\\N");
    expect(copyField("\\N")).toBe("\\\\N");
  });

  it("writes numbers, booleans and dates in forms PostgreSQL reads back exactly", () => {
    expect(copyField(0.125)).toBe("0.125");
    expect(copyField(true)).toBe("t");
    expect(copyField(false)).toBe("f");
    expect(copyField(new Date(Date.UTC(2025, 10, 28, 9, 30)))).toBe("2025-11-28T09:30:00.000Z");
    expect(() => copyField(Number.NaN)).toThrow(/finite number/);
  });

  it("quotes every array element and escapes quotes and backslashes inside them", () => {
    expect(arrayLiteral(["a", 'say "hi"', "back\\slash", ""])).toBe('{"a","say \\"hi\\"","back\\\\slash",""}');
    expect(copyField(["x\\y"])).toBe('{"x\\\\\\\\y"}');
    expect(copyField([])).toBe("{}");
  });

  it("writes objects, and arrays marked as JSON, as JSON", () => {
    expect(copyField({ en: "Cairo\tnews" })).toBe('{"en":"Cairo\\\\tnews"}');
    expect(copyField(json([{ url: "u", title: "t" }]))).toBe('[{"url":"u","title":"t"}]');
    expect(copyField(json([]))).toBe("[]");
  });

  it("refuses an unmarked array of non-strings instead of guessing its type", () => {
    expect(() => copyField([{ url: "u" }] as never)).toThrow(/wrap JSON arrays in json\(\)/);
  });

  it("joins fields with tabs and ends the row with a newline", () => {
    expect(copyLine([1, "two", null, ["3"]])).toBe('1\ttwo\t\\N\t{"3"}\n');
  });
});
