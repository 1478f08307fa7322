export { PAIR_ENTITY_CAP, SAMPLES_PER_DAY, buildContribution, contributionPairs, rankKeys, utcDay } from "./contribution";
export type { Contribution, MentionFact } from "./contribution";
export { diffContributions } from "./delta";
export type { ContributionChange, RollupDelta } from "./delta";
export { returning } from "./contribution.store";
export type { Queryable } from "./contribution.store";
export { articlesUnderEvents, syncRollups } from "./rollup.sync";
export type { SyncResult } from "./rollup.sync";
export { rebuildRollups } from "./rebuild";
export type { RebuildReport } from "./rebuild";
export { canonicalPair, countryKey, eventKey, parseEntityKey, personKey } from "./keys";
export type { EntityKindCode, ParsedKey } from "./keys";
export { articlesOnlyOn, promoteSurvivingCopies } from "./source-removal";
export { settleEventCounts } from "./source-removal.events";
export { verifyRollups } from "./verify";
export type { RollupMismatch } from "./verify";
export { coMentionsAllTime, coMentionsInRange, entityDays, entityHours, pairId, pairSamples, pairTotals, strongestPartners, trendingEntities } from "./relations.queries";
export type { CoMentionRow, PairRow, TrendQuery, TrendRow } from "./relations.queries";
export { relatedArticles, RELATED_ENTITIES } from "./related.queries";
export type { RelatedRow } from "./related.queries";
export { DEFAULT_SPAN_DAYS, MAX_SPAN_DAYS, bucketRange, bucketStart, dayAt, dayRangeOf, fillBuckets, nextBucket } from "./timeline";
export type { Interval, TimelineBucket } from "./timeline";
export { DEFAULT_TREND_WINDOW, TREND_SMOOTHING, trendQuery } from "./trend";
export type { TrendWindow } from "./trend";
export { MAX_HOPS, PATH_FANOUT, findPath } from "./path.search";
export type { FoundPath, PathGraph } from "./path.search";
export {
  DEFAULT_COMENTION_DAYS,
  MAX_COMENTION_DAYS,
  MAX_TREND_BASELINE_DAYS,
  MAX_TREND_RECENT_DAYS,
  RelationsInputError,
  checkCount,
  checkMaxHops,
  coMentionRange,
  timelineRange,
  trendWindow,
} from "./relations.input";
