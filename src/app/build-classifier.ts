import { join } from 'node:path';
import {
  type Analyzer,
  type Classifier,
  type ClassifierDeps,
  createAnalyzer,
  createClassifier,
} from '../../classifiers/classify.ts';
import { createTownFinder, gazetteerWords } from '../../classifiers/gazetteer.ts';
import { compileRules } from '../../classifiers/rules/compile-rules.ts';
import { createJiebaSegmenter, type Segmenter } from '../../classifiers/segmenter.ts';
import type { AppConfig } from '../settings/load-config.ts';
import { projectRoot } from '../settings/project-root.ts';

/** The process's one segmenter, taught the county's place names. */
export function buildSegmenter(config: AppConfig): Segmenter {
  const tables = join(projectRoot(), 'classifiers', 'jieba');
  const segmenter = createJiebaSegmenter({
    userDictPath: config.userDictPath ?? undefined,
    keywordTables: {
      idfPath: join(tables, 'unused-idf.utf8'),
      stopWordsPath: join(tables, 'unused-stop-words.utf8'),
    },
  });
  segmenter.addWords(gazetteerWords(config.gazetteer));
  return segmenter;
}

/** Compiles the rule files into the classifier every stage and command shares. */
export function buildClassifier(config: AppConfig, segmenter: Segmenter): Classifier {
  return createClassifier(classifierDeps(config, segmenter));
}

/** The batch classifier that also returns the tokens it segmented. */
export function buildAnalyzer(config: AppConfig, segmenter: Segmenter): Analyzer {
  return createAnalyzer(classifierDeps(config, segmenter));
}

function classifierDeps(config: AppConfig, segmenter: Segmenter): ClassifierDeps {
  return {
    rules: compileRules(config.rules),
    levels: config.levels,
    findTown: createTownFinder(config.gazetteer),
    townNames: config.gazetteer.towns.map((town) => town.name),
    departments: config.routing.departments,
    crimeThresholds: config.crimeThresholds,
    segmenter,
  };
}

/** Defers loading jieba (about half a second and 110 MB) until a stage really segments text. */
export function lazySegmenter(create: () => Segmenter): Segmenter {
  let instance: Segmenter | null = null;
  const get = () => {
    instance ??= create();
    return instance;
  };
  return {
    cut: (text) => get().cut(text),
    cutForSearch: (text) => get().cutForSearch(text),
    addWords: (words) => get().addWords(words),
  };
}

/** Compiles the rules only when a text really needs classifying (most lead intake carries its own). */
export function lazyClassifier(config: AppConfig, segmenter: Segmenter): Classifier {
  let classifier: Classifier | null = null;
  return (input) => {
    classifier ??= buildClassifier(config, segmenter);
    return classifier(input);
  };
}
