import { expect } from 'vitest';
import type { Classifier } from '../../classifiers/classify.ts';
import { buildClassifier, buildSegmenter } from '../../src/app/build-classifier.ts';
import type { Risk } from '../../src/domain/classification.ts';
import { loadProjectConfig } from './project-config.ts';

/** The classifier exactly as the pipeline builds it from the shipped config. */
export async function projectClassifier(): Promise<Classifier> {
  const config = await loadProjectConfig();
  return buildClassifier(config, buildSegmenter(config));
}

/** A table test's body (`[name, text]` rows): the text is a lead that raises `risk`. */
export function raisesRisk(classify: Classifier, risk: Risk) {
  return (_name: string, text: string): void => {
    expect(classify({ text })).toMatchObject({ lead: true, risks: expect.arrayContaining([risk]) });
  };
}

/** A table test's body (`[name, text]` rows): the text is a lead, or is not. */
export function readsAsLead(classify: Classifier, lead: boolean) {
  return (_name: string, text: string): void => {
    expect(classify({ text })).toMatchObject({ lead });
  };
}
