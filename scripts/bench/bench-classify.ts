import { readFileSync } from 'node:fs';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildDemoCorpus } from '../../src/demo/corpus.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { median, round, throughput } from './measure.ts';

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
 * posts in the same run (the ratio carries across machines; the rate does not).
 */
export async function benchClassify(config: AppConfig, seconds: number): Promise<Record<string, number>> {
  const segmenter = buildSegmenter(config);
  const classify = buildClassifier(config, segmenter);
  const posts = benchPosts();
  let next = 0;
  const segmentOne = () => {
    segmenter.cut(posts[next++ % posts.length] as string);
    return 1;
  };
  const classifyOne = () => {
    classify({ text: posts[next++ % posts.length] as string });
    return 1;
  };
  throughput(segmentOne, 500);
  throughput(classifyOne, 500);
  const segmentRuns: number[] = [];
  const classifyRuns: number[] = [];
  // Interleaved rounds, so a noisy moment on the machine hits both sides alike.
  for (let round = 0; round < 5; round++) {
    segmentRuns.push(throughput(segmentOne, (seconds * 1000) / 10));
    classifyRuns.push(throughput(classifyOne, (seconds * 1000) / 10));
  }
  const segment = median(segmentRuns);
  const classified = median(classifyRuns);
  return {
    classify_posts_per_s: round(classified, 0),
    segment_posts_per_s: round(segment, 0),
    classify_vs_segment_ratio: round(segment / classified, 2),
  };
}
