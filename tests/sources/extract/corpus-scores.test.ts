import { pipelineExtractor, scoreBenchmark, scoreGoose, scoreReadabilityCases, scoreTrafilatura } from "../../../scripts/eval/bodies";
import { corpusEnabled } from "../../support/corpus";

// Scoring runs the whole extractor over ~300 real pages: minutes, not the default 30 s.
const SUITE_TIMEOUT = 20 * 60 * 1000;

// The corpus lives outside the repo (../shared/corpus); CI without it sets KHABAR_SKIP_CORPUS=1.
(corpusEnabled ? describe : describe.skip)("body extraction holds its scores on the third-party corpus", () => {
  const extract = pipelineExtractor();

  it(
    "scores at least F1 0.974 (P 0.966, R 0.982) on the article-extraction-benchmark, where Readability alone scores 0.942",
    () => {
      const { score } = scoreBenchmark(extract);
      expect(score.precision).toBeGreaterThanOrEqual(0.966);
      expect(score.recall).toBeGreaterThanOrEqual(0.982);
      expect(score.score).toBeGreaterThanOrEqual(0.974);
    },
    SUITE_TIMEOUT,
  );

  it(
    "reproduces Readability's own golden text at shingle F1 0.975 or more",
    () => {
      expect(scoreReadabilityCases(extract).score).toBeGreaterThanOrEqual(0.975);
    },
    SUITE_TIMEOUT,
  );

  it(
    "finds trafilatura's wanted snippets and leaves out its boilerplate ones on at least 94% of checks",
    () => {
      const score = scoreTrafilatura(extract);
      expect(score.recall).toBeGreaterThanOrEqual(0.95);
      expect(score.precision).toBeGreaterThanOrEqual(0.93);
      expect(score.score).toBeGreaterThanOrEqual(0.94);
    },
    SUITE_TIMEOUT,
  );

  it(
    "starts the text like goose3's cleaned_text at shingle F1 0.76 or more",
    () => {
      expect(scoreGoose(extract).score).toBeGreaterThanOrEqual(0.76);
    },
    SUITE_TIMEOUT,
  );
});
