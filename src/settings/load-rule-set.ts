import { checkRuleFiles } from '../../classifiers/rules/check-rule-files.ts';
import {
  type LevelPolicy,
  levelPolicySchema,
  type RuleFile,
  ruleFileSchema,
} from '../../classifiers/rules/rule-schema.ts';
import { ConfigError } from '../errors.ts';
import { type ConfigFiles, type ConfigLocation, createConfigFiles, type Loaded } from './config-files.ts';

/** The parts of the configuration that decide classification and can be reloaded while running. */
export interface RuleSet {
  rules: readonly RuleFile[];
  levels: LevelPolicy;
}

/** Loads `rules/*.yaml` and `levels.yaml` into `files`, with the checks that span rule files. */
export async function loadRuleSetInto(
  files: ConfigFiles,
): Promise<{ rules: Loaded<RuleFile>[]; levels: Loaded<LevelPolicy> | null }> {
  const before = files.problems.length;
  const rules = await files.loadFolder('rules', ruleFileSchema);
  const levels = await files.load('levels.yaml', levelPolicySchema);
  // Cross-file references are checked only when every rule file is valid, so one broken file
  // does not also report each group it defines as unknown elsewhere.
  const rulesFolder = files.displayFolder('rules');
  const broken = files.problems.slice(before).some((p) => p.file.startsWith(rulesFolder));
  if (!broken) {
    files.problems.push(
      ...checkRuleFiles(
        rules.map(({ value, yaml }) => ({ file: yaml.file, lineOf: yaml.lineOf, rules: value })),
      ),
    );
  }
  return { rules, levels };
}

/** Just the rule set, for hot reload and backtests; throws ConfigError listing every problem. */
export async function loadRuleSet(location: ConfigLocation): Promise<RuleSet> {
  const files = createConfigFiles(location);
  const { rules, levels } = await loadRuleSetInto(files);
  if (files.problems.length > 0 || !levels) throw new ConfigError(files.problems);
  return { rules: rules.map((r) => r.value), levels: levels.value };
}
