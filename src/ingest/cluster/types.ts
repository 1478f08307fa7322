/** A sparse vector: feature key → weight. Plain object so it stores as JSONB unchanged. */
export type SparseVector = Record<string, number>;

/** One article as the clusterer sees it: identities (database ids), not names. */
export interface ClusterArticle {
  id: string;
  sourceId: string;
  /** BCP-47 primary tag, lower case ("ar", "en"). */
  language: string;
  publishedAt: Date;
  title: string;
  summary?: string;
  bodyText: string;
  people: { id: string; salience: number; count: number }[];
  countries: { code: string; salience: number; count: number }[];
  places: { name: string; country: string; salience: number }[];
  /** Set when the article is a near-duplicate: it joins its original's event but counts once. */
  duplicateOf?: string;
}

/** For rarity (idf) weighting; the lead keeps document counts per feature key in a table. */
export interface EntityStats {
  documentFrequency(key: string): number;
  totalDocuments(): number;
}

export interface Participant {
  /** Person id or ISO alpha-2 country code. */
  id: string;
  /** Non-duplicate articles of the event that mention it. */
  articles: number;
  /** Sum of its salience over those articles: the order participants are listed in. */
  weight: number;
}

/** The article that best represents the event in one language, kept with its vectors so it can be re-ranked. */
export interface CentralArticle {
  articleId: string;
  title: string;
  summary?: string;
  /** Cosine to the event centroid when last ranked. */
  similarity: number;
  entities: SparseVector;
  terms: SparseVector;
}

/** Clustering state; bounded in size (top-N entities and terms), JSON-serialisable. */
export interface EventCentroid {
  /** Non-duplicate articles folded into the sums. */
  docs: number;
  /** Sum of member articles' entity weight vectors (`p:`, `c:`, `l:` keys). */
  entities: SparseVector;
  /** Per language: sum of members' unit-length title/lede term vectors, truncated to the top terms. */
  terms: Record<string, SparseVector>;
  /** "CC|normalised city" → summed salience (0..1 per article) of the place's mentions; top 16. */
  places: SparseVector;
  /** Display names of those places, as first given. */
  placeNames: Record<string, string>;
  /** Per language. */
  central: Record<string, CentralArticle>;
  /** Per language: non-duplicate articles (a language seen only through duplicates has 0). */
  languageCounts: Record<string, number>;
}

export interface EventSnapshot {
  id: string;
  /** Per language, the title of the event's most central article in that language. */
  titles: Record<string, string>;
  /** Per language, the lede of that article. */
  summaries: Record<string, string>;
  /** The lede in the event's main language (the one with the most articles). */
  summary?: string;
  firstSeen: Date;
  lastSeen: Date;
  place?: { country: string; city?: string };
  people: Participant[];
  countries: Participant[];
  /** Distinct articles: near-duplicates are not counted. */
  articleCount: number;
  /** Near-duplicates (reprints) attached to the event. */
  duplicateCount: number;
  /** Distinct sources among the non-duplicate articles: a wire story reprinted by ten sites counts once. */
  sourceCount: number;
  sourceIds: string[];
  languages: string[];
  /** Lookup keys (`p:<id>`, `c:<code>`, `l:<cc>:<city>`, `t:<lang>:<term>`) the store indexes the event under. */
  keys: string[];
  centroid: EventCentroid;
}

export interface CandidateQuery {
  entityKeys: string[];
  termKeys: string[];
  /** Events whose [firstSeen, lastSeen] span meets [from, to]. */
  from: Date;
  to: Date;
  limit: number;
}

/**
 * Persistence of events. The lead implements it over PostgreSQL; `InMemoryEventStore` is the reference.
 * `eventOfArticle` and `linkArticle` extend the interface of the brief: a near-duplicate must find its
 * original's event, and that needs the article → event link (table article_event).
 */
export interface EventStore {
  /** Indexed lookup by keys within the time window, never a scan; best key overlap first. */
  candidates(q: CandidateQuery): Promise<EventSnapshot[]>;
  get(id: string): Promise<EventSnapshot | undefined>;
  /** Insert or replace; the store re-indexes the event under `keys` and its time span. */
  save(e: EventSnapshot): Promise<void>;
  /** Moves every article link of `from` to `into` and deletes `from` (its merged state was saved into `into` first). */
  merge(into: string, from: string): Promise<void>;
  eventOfArticle(articleId: string): Promise<string | undefined>;
  linkArticle(articleId: string, eventId: string): Promise<void>;
}

export interface ClusterOptions {
  /** How far an article may lie outside an event's [firstSeen, lastSeen] span and still join it. Default 72 h. */
  windowHours: number;
  /** Score an article needs to join an event. */
  joinThreshold: number;
  /** Score needed across languages, where only entity identities count. */
  crossLanguageThreshold: number;
  /** People and places an article must share with an event in another language to join it. */
  crossLanguageMinShared: number;
  /** Score an article needs against two events for them to merge through it. */
  bridgeThreshold: number;
  /** Centroid similarity at which two events merge. */
  mergeThreshold: number;
  /** Share of the score given to shared entities when the event has terms in the article's language. */
  entityShare: number;
  /** Events asked of the store per article. */
  candidateLimit: number;
  /** Entity and term keys sent to the store per article. */
  queryEntityKeys: number;
  queryTermKeys: number;
  /** Centroid size limits. */
  maxEntities: number;
  maxTerms: number;
  /** Index keys per event. */
  maxEventKeys: number;
  /** Id of a new event; default `ev:<first article id>` keeps runs deterministic. */
  newEventId: (a: ClusterArticle) => string;
}

export interface AssignResult {
  eventId: string;
  created: boolean;
  /** Score against the chosen event (0 when created). */
  score: number;
  /** Ids of events absorbed into `eventId` by this article. */
  merged: string[];
}
