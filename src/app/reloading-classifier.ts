import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import type { Analysis, Analyzer, Classifier } from '../../classifiers/classify.ts';
import type { Segmenter } from '../../classifiers/segmenter.ts';
import { ConfigError, errorMessage } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Environment } from '../settings/interpolate.ts';
import type { AppConfig } from '../settings/load-config.ts';
import { loadRuleSet } from '../settings/load-rule-set.ts';
import { buildAnalyzer } from './build-classifier.ts';

export interface ReloadingClassifier {
  /** Classifies with the rules in force now. */
  classify: Classifier;
  /** Classifies a batch and returns the tokens too. */
  analyze: Analyzer;
  /** Reads the rule files again; keeps the rules in force when the new ones have problems. */
  reload(): Promise<boolean>;
  close(): void;
}

export interface ReloadingClassifierOptions {
  config: AppConfig;
  env: Environment;
  cwd: string;
  segmenter: Segmenter;
  logger: Logger;
  /** Reload on its own when `rules/` or `levels.yaml` change. */
  watch: boolean;
  debounceMs?: number;
}

/**
 * A classifier whose rules can change while the process runs. A bad rule file never stops
 * classification: the problems are logged with file and line, and the previous rules stay.
 */
export function createReloadingClassifier(options: ReloadingClassifierOptions): ReloadingClassifier {
  const { config, logger } = options;
  let current = buildAnalyzer(config, options.segmenter);
  const reload = async (): Promise<boolean> => {
    try {
      const ruleSet = await loadRuleSet({ configDir: config.configDir, env: options.env, cwd: options.cwd });
      current = buildAnalyzer({ ...config, ...ruleSet }, options.segmenter);
      logger.info({ rules: ruleSet.rules.reduce((n, file) => n + file.rules.length, 0) }, 'rules reloaded');
      return true;
    } catch (error) {
      const problems = error instanceof ConfigError ? error.message.split('\n') : [errorMessage(error)];
      logger.error({ problems }, 'rules not reloaded: the previous rules stay in force');
      return false;
    }
  };
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  if (options.watch) {
    const schedule = (_event: string, file: string | null) => {
      if (file && !/\.ya?ml$/.test(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), options.debounceMs ?? 300);
    };
    watchers.push(watch(join(config.configDir, 'rules'), schedule));
    watchers.push(watch(config.configDir, (event, file) => file === 'levels.yaml' && schedule(event, file)));
  }
  return {
    classify: (input) => (current([input])[0] as Analysis).classification,
    analyze: (inputs) => current(inputs),
    reload,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
