import { readFileSync } from 'node:fs';
import { buildAnalyzer, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildDemoCorpus } from '../../src/demo/corpus.ts';
import { postContentHash } from '../../src/domain/content-hash.ts';
import { toShanghaiIso } from '../../src/domain/shanghai-time.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { searchWords } from '../../src/store/search-tokens.ts';
import type { StoredPost } from '../../src/store/store.ts';

/** Realistic Chinese texts: the demo corpus and the labelled sets, about 200 characters each. */
export function benchTexts(): string[] {
  const texts = buildDemoCorpus(400).map((post) => `${post.title}。${post.text}`);
  for (const file of ['dev', 'dev2', 'dev3']) {
    const path = new URL(`../../test/fixtures/classifier/${file}.jsonl`, import.meta.url);
    for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean))
      texts.push(JSON.parse(line).text);
  }
  return texts.map((text, i) => (text + texts[(i + 1) % texts.length]).slice(0, 200));
}

/**
 * A generator of `count` distinct stored posts spread evenly over `days` days up to `end`.
 * Texts are classified once and reused, so making a million posts does not take minutes.
 */
export function makeBenchPosts(
  config: AppConfig,
  count: number,
  days: number,
  end = Date.now(),
): (i: number) => StoredPost {
  const analyze = buildAnalyzer(config, buildSegmenter(config));
  const texts = benchTexts();
  const analysed = analyze(texts.map((text) => ({ text })));
  const classified = analysed.map((a) => a.classification);
  // The classify stage hands these to the store, so ingest does not segment again.
  const baseWords = analysed.map((a) => searchWords(a.tokens));
  const towns = config.gazetteer.towns.map((t) => t.name);
  const span = days * 86_400_000;
  return (i) => {
    const base = i % texts.length;
    const text = `${texts[base]} #${i}`;
    const at = new Date(end - span + Math.floor((i / count) * span));
    const post = {
      id: `bench:${i}`,
      source: i % 3 === 0 ? 'weibo' : 'forum',
      url: `http://bench.test/${i}`,
      author: null,
      published_at: toShanghaiIso(at),
      fetched_at: toShanghaiIso(at),
      title: null,
      text,
      metrics: { reposts: null, comments: null, likes: null },
      place_hints: [],
    };
    const classification = {
      ...(classified[base] as StoredPost['classification']),
      town: towns[i % towns.length] ?? null,
    };
    return {
      post,
      classification,
      content_hash: postContentHash(post),
      words: [...(baseWords[base] as string[]), String(i)],
    };
  };
}
