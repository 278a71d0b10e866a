import type { RuleFile } from '../../classifiers/rules/rule-schema.ts';
import { ConfigError } from '../errors.ts';
import { type ConfigLocation, createConfigFiles } from './config-files.ts';
import { loadRuleSetInto, type RuleSet } from './load-rule-set.ts';

/** The rule set with the name of the file each part came from, for people reading it. */
export interface RuleFiles {
  files: { file: string; rules: RuleFile }[];
  ruleSet: RuleSet;
}

/**
 * The rule files as they are on disk now, read and checked exactly as `loadRuleSet` does, with
 * their names kept; throws ConfigError listing every problem.
 */
export async function loadRuleFiles(location: ConfigLocation): Promise<RuleFiles> {
  const files = createConfigFiles(location);
  const { rules, levels } = await loadRuleSetInto(files);
  if (files.problems.length > 0 || !levels) throw new ConfigError(files.problems);
  return {
    files: rules.map(({ value, yaml }) => ({ file: yaml.file, rules: value })),
    ruleSet: { rules: rules.map((r) => r.value), levels: levels.value },
  };
}
