import { serverAudits, type AuditResult } from "graphql-http";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startTestApp, type TestApp } from "../support/app";

let db: TestDatabase;
let app: TestApp;
const results: AuditResult[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startTestApp(db.dataSource, { RESPONSE_CACHE: "false" });
});

afterAll(async () => {
  // SHOULD and MAY findings are reported, not enforced: they follow from Apollo Server's choices and our CSRF rule.
  const notes = results.filter((r) => r.status !== "ok").map((r) => `${r.status.toUpperCase()} ${r.name}: ${"reason" in r ? r.reason : ""}`);
  console.log(`graphql-http audits: ${results.filter((r) => r.status === "ok").length}/${results.length} ok\n${notes.join("\n")}`);
  await app?.close();
  await db?.close();
});

describe("graphql-http server audits", () => {
  // The audits' requests as they are: GETs without Apollo's CSRF preflight header are refused, which only MAY audits notice.
  for (const audit of serverAudits({ url: () => `${app.url}/graphql` })) {
    const must = audit.name.startsWith("MUST");
    it(`${must ? "passes" : "reports"} ${audit.name}`, async () => {
      const result = await audit.fn();
      results.push(result);
      if (must) expect(result.status === "ok" ? "ok" : `${result.status}: ${"reason" in result ? result.reason : ""}`).toBe("ok");
    });
  }
});
