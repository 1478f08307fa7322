import { readFileSync } from "node:fs";
import path from "node:path";
import { configTable } from "../../scripts/config-table";

describe("README", () => {
  it("documents every setting exactly as the config module defines it", () => {
    const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    expect(readme).toContain(configTable());
  });
});
