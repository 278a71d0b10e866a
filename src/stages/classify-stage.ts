import type { Classifier } from '../../classifiers/classify.ts';
import type { Level } from '../domain/classification.ts';
import type { Payload } from '../queues/payloads.ts';
import type { Emit } from '../queues/pipeline-queues.ts';

export interface ClassifyStageDeps {
  classify: Classifier;
  emit: Emit<'index'>;
}

export interface ClassifyResult {
  post_id: string;
  lead: boolean;
  level: Level;
}

/** Runs the keyword rules over a post and hands the post with its classification to indexing. */
export function createClassifyStage(deps: ClassifyStageDeps) {
  return async ({ post }: Payload<'classify'>): Promise<ClassifyResult> => {
    const classification = deps.classify({ title: post.title, text: post.text });
    await deps.emit([{ v: 1, post, classification }]);
    return { post_id: post.id, lead: classification.lead, level: classification.level };
  };
}
