import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildAnalyzer, buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildDemoCorpus } from '../../src/demo/corpus.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { median, round, throughput } from './measure.ts';

/** The classify stage's batch size (`queues.batch_size`): the analyzer sees this many posts at once. */
const BATCH = 100;
const ROUNDS = 7;

/** 200-character posts: real-looking texts from the demo corpus and the labelled sets, cut or joined to length. */
function benchPosts(): string[] {
  const texts = buildDemoCorpus(400).map((post) => `${post.title}。${post.text}`);
  for (const file of ['dev', 'dev2']) {
    const path = new URL(`../../test/fixtures/classifier/${file}.jsonl`, import.meta.url);
    for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean))
      texts.push(JSON.parse(line).text);
  }
  return texts.map((text, i) => (text + texts[(i + 1) % texts.length]).slice(0, 200));
}

/** nodejieba's own `cut`, as published: the words as an array of strings. */
type StockCut = (text: string, hmm: boolean) => string[];

/**
 * Classification posts/s on one core, and its ratio to jieba segmentation alone on the same
 * posts in the same run (the ratio carries across machines; the rate does not). Posts are
 * classified as the classify stage does it, a batch at a time; one at a time (as
 * `wagewatch classify --text` does) is reported beside it.
 *
 * Segmentation alone is nodejieba's own `cut`, a yardstick no change of ours can move. Our
 * segmenter cuts the same words for less (it takes word ends from patched nodejieba and slices the
 * words itself): that is reported beside it, with classification's ratio to it.
 */
export async function benchClassify(config: AppConfig, seconds: number): Promise<Record<string, number>> {
  const segmenter = buildSegmenter(config);
  const analyze = buildAnalyzer(config, segmenter);
  const classify = buildClassifier(config, segmenter);
  // The dictionary is the one buildSegmenter loaded: nodejieba keeps one per process.
  const stockCut = (createRequire(import.meta.url)('nodejieba') as { cut: StockCut }).cut;
  const posts = benchPosts().map((text) => ({ text }));
  let next = 0;
  const segmentOne = () => {
    stockCut((posts[next++ % posts.length] as { text: string }).text, true);
    return 1;
  };
  const segmentLean = () => {
    segmenter.cut((posts[next++ % posts.length] as { text: string }).text);
    return 1;
  };
  const classifyBatch = () => {
    const batch = [];
    for (let i = 0; i < BATCH; i++) batch.push(posts[next++ % posts.length] as { text: string });
    analyze(batch);
    return BATCH;
  };
  const classifyOne = () => {
    classify(posts[next++ % posts.length] as { text: string });
    return 1;
  };
  for (const work of [segmentOne, segmentLean, classifyBatch, classifyOne]) throughput(work, 500);
  const runs = { segment: [] as number[], lean: [] as number[], batch: [] as number[], one: [] as number[] };
  const roundMs = (seconds * 1000) / (4 * ROUNDS);
  // Interleaved rounds, so a noisy moment on the machine hits every side alike.
  for (let round = 0; round < ROUNDS; round++) {
    runs.segment.push(throughput(segmentOne, roundMs));
    runs.lean.push(throughput(segmentLean, roundMs));
    runs.batch.push(throughput(classifyBatch, roundMs));
    runs.one.push(throughput(classifyOne, roundMs));
  }
  const segment = median(runs.segment);
  const lean = median(runs.lean);
  const batched = median(runs.batch);
  const one = median(runs.one);
  return {
    classify_posts_per_s: round(batched, 0),
    segment_posts_per_s: round(segment, 0),
    classify_vs_segment_ratio: round(segment / batched, 2),
    classify_one_at_a_time_posts_per_s: round(one, 0),
    classify_one_at_a_time_vs_segment_ratio: round(segment / one, 2),
    segment_word_ends_posts_per_s: round(lean, 0),
    classify_vs_segment_word_ends_ratio: round(lean / batched, 2),
  };
}
