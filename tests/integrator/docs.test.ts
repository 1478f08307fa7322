import { readFileSync } from "node:fs";
import path from "node:path";
import { costTable } from "../../scripts/cost-table";

describe("docs/integrators.md", () => {
  it("lists every field's cost exactly as the schema defines it", () => {
    const doc = readFileSync(path.resolve(__dirname, "../../docs/integrators.md"), "utf8");
    expect(doc).toContain(costTable());
  });

  it("describes the page-size rule the resolvers use", () => {
    expect(costTable()).toContain("| `Query.articles` | `first` (default 20) × children, at least `first` |");
    expect(costTable()).toContain("| `*Connection.totalCount` | 1 |");
  });
});
