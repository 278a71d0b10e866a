import type { Classifier } from '../../classifiers/classify.ts';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import { loadProjectConfig } from './project-config.ts';

/** The classifier exactly as the pipeline builds it from the shipped config. */
export async function projectClassifier(): Promise<Classifier> {
  const config = await loadProjectConfig();
  return buildClassifier(config, buildSegmenter(config));
}
