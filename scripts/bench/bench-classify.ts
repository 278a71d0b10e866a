import { readFileSync } from 'node:fs';
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

/**
 * Classification posts/s on one core, and its ratio to jieba segmentation alone on the same
 * posts in the same run (the ratio carries across machines; the rate does not). Posts are
 * classified as the classify stage does it, a batch at a time; one at a time (as
 * `wagewatch classify --text` does) is reported beside it.
 */
export async function benchClassify(config: AppConfig, seconds: number): Promise<Record<string, number>> {
  const segmenter = buildSegmenter(config);
  const analyze = buildAnalyzer(config, segmenter);
  const classify = buildClassifier(config, segmenter);
  const posts = benchPosts().map((text) => ({ text }));
  let next = 0;
  const segmentOne = () => {
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
  for (const work of [segmentOne, classifyBatch, classifyOne]) throughput(work, 500);
  const runs = { segment: [] as number[], batch: [] as number[], one: [] as number[] };
  const roundMs = (seconds * 1000) / (3 * ROUNDS);
  // Interleaved rounds, so a noisy moment on the machine hits every side alike.
  for (let round = 0; round < ROUNDS; round++) {
    runs.segment.push(throughput(segmentOne, roundMs));
    runs.batch.push(throughput(classifyBatch, roundMs));
    runs.one.push(throughput(classifyOne, roundMs));
  }
  const segment = median(runs.segment);
  const batched = median(runs.batch);
  const one = median(runs.one);
  return {
    classify_posts_per_s: round(batched, 0),
    segment_posts_per_s: round(segment, 0),
    classify_vs_segment_ratio: round(segment / batched, 2),
    classify_one_at_a_time_posts_per_s: round(one, 0),
    classify_one_at_a_time_vs_segment_ratio: round(segment / one, 2),
  };
}
