import type { Analysis, Analyzer } from '../../classifiers/classify.ts';
import type { Level } from '../domain/classification.ts';
import type { Item } from '../queues/payloads.ts';
import type { Emit } from '../queues/pipeline-queues.ts';
import { searchWords } from '../store/search-tokens.ts';

export interface ClassifyStageDeps {
  analyze: Analyzer;
  emit: Emit<'index'>;
}

export interface ClassifyResult {
  post_id: string;
  lead: boolean;
  level: Level;
}

/**
 * Runs the keyword rules over a batch of posts and hands each post, its classification and its
 * search words to indexing: the text is segmented once, here, for both.
 */
export function createClassifyStage(deps: ClassifyStageDeps) {
  return async (items: readonly Item<'classify'>[]): Promise<ClassifyResult[]> => {
    const analyses = deps.analyze(items.map(({ post }) => ({ title: post.title, text: post.text })));
    const classified = items.map(({ post }, i) => {
      const { classification, tokens } = analyses[i] as Analysis;
      return { post, classification, words: searchWords(tokens) };
    });
    await deps.emit(classified);
    return classified.map(({ post, classification }) => ({
      post_id: post.id,
      lead: classification.lead,
      level: classification.level,
    }));
  };
}
