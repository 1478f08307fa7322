import type { DataSource } from "typeorm";
import type { Cache } from "../cache";
import { AllowList, hostRefusal } from "../sources/fetch";
import type { SourceKind } from "../sources/types";
import { loadNamedMapping } from "./read-source";
import { articlesOnlyOn, promoteSurvivingCopies, settleEventCounts, syncRollups } from "./rollups";
import type { RefreshQueue } from "./schedule/queue";
import { MAX_INTERVAL_S, MIN_INTERVAL_S } from "./schedule/schedule.policy";

export interface AddSourceInput {
  url: string;
  name?: string;
  /** Forced kind; detected from the content on the first fetch otherwise. Required ("api") for JSON APIs. */
  kind?: SourceKind;
  /** API mapping file name (kind "api"). */
  mapping?: string;
  fetchFullText?: boolean;
  intervalSeconds?: number;
  language?: string;
}

/** Bad input to a source operation; `field` names what was wrong. */
export class SourceInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = "SourceInputError";
  }
}

const KINDS: SourceKind[] = ["rss", "rdf", "atom", "jsonfeed", "sitemap", "html", "api"];

function validUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SourceInputError("url", `"${raw.slice(0, 200)}" is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new SourceInputError("url", `only http and https sources are supported, got ${url.protocol}`);
  if (url.username || url.password) throw new SourceInputError("url", "credentials in the URL are not accepted; API sources read them from the environment");
  // A fragment never reaches the server: "feed.xml#top" is feed.xml, and must not become a second source.
  url.hash = "";
  return url.toString();
}

/**
 * A literal private address or a metadata host name would fail every refresh: say so when the source is added.
 * Names that resolve to such addresses are still refused by the fetcher at connect time.
 */
function refuseGuardedAddress(url: string, allow: AllowList): void {
  const refused = hostRefusal(new URL(url).hostname, allow);
  if (refused) {
    throw new SourceInputError("url",
      `the fetcher's SSRF guard would refuse every fetch of ${url}: refusing to connect to ${refused.target} (${refused.reason}); a local source needs its host in FETCH_ALLOW_HOSTS`);
  }
}

/** Adding, removing and refreshing sources: shared by the CLI and the admin mutations. */
export class SourcesService {
  private readonly allow?: AllowList;

  constructor(
    private readonly db: DataSource,
    private readonly cache: Cache,
    private readonly queue?: RefreshQueue,
    /** The operator's API mapping directory (API_MAPPINGS_DIR), where `mapping` names are looked up first. */
    private readonly apiMappingsDir?: string,
    /** The fetcher's SSRF exceptions (FETCH_ALLOW_HOSTS): with them, a URL the guard refuses outright is refused when added. */
    allowHosts?: readonly string[],
  ) {
    this.allow = allowHosts && new AllowList(allowHosts);
  }

  async add(input: AddSourceInput): Promise<{ id: number }> {
    const url = validUrl(input.url);
    if (this.allow) refuseGuardedAddress(url, this.allow);
    if (input.kind && !KINDS.includes(input.kind)) throw new SourceInputError("kind", `unknown kind "${input.kind}"; one of ${KINDS.join(", ")}`);
    if (input.kind === "api" && !input.mapping) throw new SourceInputError("mapping", "an api source needs a mapping file name");
    if (input.mapping) {
      try {
        loadNamedMapping(input.mapping, this.apiMappingsDir);
      } catch (err) {
        throw new SourceInputError("mapping", (err as Error).message);
      }
    }
    if (input.intervalSeconds !== undefined && (input.intervalSeconds < MIN_INTERVAL_S || input.intervalSeconds > MAX_INTERVAL_S)) {
      throw new SourceInputError("intervalSeconds", `must be between ${MIN_INTERVAL_S} and ${MAX_INTERVAL_S}, got ${input.intervalSeconds}`);
    }
    const name = input.name?.trim().slice(0, 200) || url;
    const settings = {
      ...(input.mapping ? { mapping: input.mapping } : {}),
      ...(input.fetchFullText === false ? { fetchFullText: false } : {}),
      ...(input.intervalSeconds ? { intervalSeconds: input.intervalSeconds } : {}),
    };
    const rows: { id: number }[] = await this.db.query(
      `INSERT INTO source (url, name, kind, settings, language, next_fetch_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (url) DO NOTHING RETURNING id`,
      [url, name, input.kind ?? null, settings, input.language ?? null]);
    if (!rows[0]) throw new SourceInputError("url", `a source with URL ${url} already exists`);
    await this.cache.bumpGeneration();
    await this.queue?.enqueue(rows[0].id);
    return rows[0];
  }

  /**
   * Removes a source. Articles other sources also carried stay (they move to their next source);
   * articles only it carried go, and every mention and event count they added is taken back.
   */
  async remove(id: number): Promise<boolean> {
    const removed = await this.db.transaction(async (em) => {
      const exists: unknown[] = await em.query(`SELECT 1 FROM source WHERE id = $1 FOR UPDATE`, [id]);
      if (!exists.length) return false;
      await em.query(
        `UPDATE article a SET source_id = (SELECT s.source_id FROM article_source s WHERE s.article_id = a.id AND s.source_id <> $1 ORDER BY s.first_seen_at LIMIT 1)
         WHERE a.source_id = $1 AND EXISTS (SELECT 1 FROM article_source s WHERE s.article_id = a.id AND s.source_id <> $1)`, [id]);
      // Copies elsewhere of articles about to go: one of each family becomes the original and counts.
      const heirs = await promoteSurvivingCopies(em, id);
      const gone = await articlesOnlyOn(em, id);
      await settleEventCounts(em, id, heirs);
      const doomed = `SELECT a.id FROM article a WHERE a.source_id = $1 AND a.original_id IS NULL`;
      await em.query(`UPDATE person p SET mention_count = p.mention_count - x.n FROM (SELECT person_id, count(*) n FROM article_person WHERE article_id IN (${doomed}) GROUP BY person_id) x WHERE p.id = x.person_id`, [id]);
      await em.query(`UPDATE country c SET mention_count = c.mention_count - x.n FROM (SELECT country_code, count(*) n FROM article_country WHERE article_id IN (${doomed}) GROUP BY country_code) x WHERE c.code = x.country_code`, [id]);
      await em.query(`DELETE FROM source WHERE id = $1`, [id]);
      // Rollups take back what the deleted articles added and count the promoted copies.
      await syncRollups(em, [...gone, ...heirs]);
      return true;
    });
    if (removed) await this.cache.bumpGeneration();
    return removed;
  }

  /** Queues a refresh now (the worker runs it); false when there is no such source. */
  async refresh(id: number): Promise<boolean> {
    // Through a CTE so the rows come back as rows (TypeORM wraps a bare UPDATE … RETURNING as [rows, count]).
    const rows: unknown[] = await this.db.query(`WITH u AS (UPDATE source SET next_fetch_at = now() WHERE id = $1 RETURNING id) SELECT id FROM u`, [id]);
    if (!rows.length) return false;
    await this.queue?.enqueue(id);
    return true;
  }
}
