import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const MAIN = path.resolve(__dirname, "../../dist/src/main.js");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `npm start` on a machine without PostgreSQL or Redis: the compiled gateway on its embedded defaults. */
describe("npm start on a fresh machine", () => {
  let child: ChildProcess;
  let dataDir: string;
  let url: string;
  let output = "";

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`tests/e2e: ${MAIN} is missing; npm test builds it first (pretest)`);
    dataDir = mkdtempSync(path.join(tmpdir(), "khabar-e2e-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, NODE_ENV: "development", LOG_LEVEL: "info" };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.NODE_OPTIONS;
    child = spawn(process.execPath, [MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    for (let i = 0; i < 240; i++) {
      const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
      if (ready) return;
      if (child.exitCode !== null) throw new Error(`gateway exited: ${output}`);
      await sleep(500);
    }
    throw new Error(`gateway never became ready: ${output}`);
  }, 150_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrates, serves /graphql and ingests the bundled samples so the first query returns articles", async () => {
    let articles: { totalCount: number; nodes: { title: string; language: string; people: unknown[] }[] } | undefined;
    for (let i = 0; i < 120; i++) {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ articles(first: 50) { totalCount nodes { title language people { name } } } }` }),
      });
      articles = ((await res.json()) as { data?: { articles: typeof articles } }).data?.articles;
      if (articles && articles.totalCount >= 60) break;
      await sleep(1000);
    }
    expect(articles!.totalCount).toBeGreaterThanOrEqual(60);
    const languages = new Set(articles!.nodes.map((n) => n.language));
    expect(languages).toEqual(new Set(["ar", "en"]));
    expect(articles!.nodes.some((n) => n.people.length > 0)).toBe(true);
  }, 150_000);

  it("finds the seed article by its Arabic title words", async () => {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ articles(filter: { q: "آفاق الحوار" }) { nodes { title images { credit } } } }` }),
    });
    const body = (await res.json()) as { data: { articles: { nodes: { title: string; images: { credit: string }[] }[] } } };
    expect(body.data.articles.nodes.map((n) => n.title)).toContain("اجتماع وزراء الخارجية يفتح آفاق الحوار حول أوكرانيا");
  });

  it("serves the offline explorer and health endpoints", async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const page = await fetch(`${url}/graphql`, { headers: { accept: "text/html" } });
    expect(await page.text()).toContain("graphiql");
  });

  it("on SIGTERM closes everything it opened, in order, and exits with status 0", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    // Logged after the last step (the database) has closed: an exit without it skipped the shutdown.
    expect(output).toContain("gateway: stopped");
  }, 60_000);
});
