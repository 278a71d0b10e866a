import { dirname } from 'node:path';
import type { Classifier } from '../../classifiers/classify.ts';
import type { Segmenter } from '../../classifiers/segmenter.ts';
import type { SourceHealthStore } from '../../crawlers/source-health.ts';
import { smsPhones } from '../alerts/oncall-schedule.ts';
import type { SystemDeps } from '../http/system-routes.ts';
import type { Environment } from '../settings/interpolate.ts';
import type { AppConfig } from '../settings/load-config.ts';
import { loadRuleFiles } from '../settings/rule-files.ts';
import { buildClassifier, buildSegmenter, lazySegmenter } from './build-classifier.ts';

export interface SystemDepsOptions {
  /** Source health in Redis; null where the process has none (the view then says so). */
  health: SourceHealthStore | null;
  /** The environment and folder the rule files are read with, as at start; by default none. */
  env?: Environment;
  cwd?: string;
  /** Shared with the rest of the process when given; jieba is one per process anyway. */
  segmenter?: Segmenter;
}

/**
 * What the 系统 page reads, from the configuration: the sources, the rule files as they are on
 * disk now (with a classifier built for a backtest only when one runs), the roster with the
 * phones of each SMS channel, and the working calendar.
 */
export function buildSystemDeps(config: AppConfig, options: SystemDepsOptions): SystemDeps {
  const segmenter = options.segmenter ?? lazySegmenter(() => buildSegmenter(config));
  const location = {
    configDir: config.configDir,
    env: options.env ?? {},
    cwd: options.cwd ?? dirname(config.configDir),
  };
  return {
    sources: config.sources,
    health: options.health,
    loadRules: () => loadRuleFiles(location),
    classifierFor(ruleSet): Classifier {
      // Compiling the rules waits for the first post, so an empty store costs nothing.
      let classify: Classifier | null = null;
      return (input) => {
        classify ??= buildClassifier({ ...config, ...ruleSet }, segmenter);
        return classify(input);
      };
    },
    roster: config.onCall,
    phonesByChannel: smsPhones(config.routing.channels),
    calendar: config.calendar,
  };
}
