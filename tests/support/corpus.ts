export { corpusDir, corpusEnabled, readCorpusFile, readCorpusJson } from "../../scripts/eval/corpus";
