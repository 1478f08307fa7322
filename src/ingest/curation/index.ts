export { CurationError, numericLabel } from "./curation.errors";
export type { CurationErrorCode, IdLabel } from "./curation.errors";
export { MAX_MERGE, mergePeople } from "./people.merge";
export type { MergeOutcome } from "./people.merge";
export { MAX_ALIAS_LENGTH, addAlias, cleanAlias, dismissMergeSuggestion, listMergeSuggestions, removeAlias, setWikidataId } from "./people.edit";
export type { SuggestionRow } from "./people.edit";
export { followMerges } from "./follow-merges";
