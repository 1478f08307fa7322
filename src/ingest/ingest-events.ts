/**
 * What ingestion announces after a refresh commits. The integrator layer carries these to
 * subscriptions (through Redis pub/sub when configured, so any gateway replica delivers them).
 */
export type IngestEvent =
  | {
      type: "articleAdded";
      articleId: number;
      sourceId: number;
      language: string;
      category: string | null;
      personIds: number[];
      countryCodes: string[];
      eventIds: number[];
      publishedAt: string;
    }
  | { type: "eventUpdated"; eventId: number; articleCount: number };

export type Publish = (event: IngestEvent) => Promise<void>;

/** Used where nothing listens (CLI runs, tests that don't care). */
export const publishNowhere: Publish = async () => {};
