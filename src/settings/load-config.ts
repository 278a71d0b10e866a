import { access, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { ZodType } from 'zod';
import { type Gazetteer, gazetteerSchema } from '../../classifiers/gazetteer.ts';
import { checkRuleFiles, type LocatedRuleFile } from '../../classifiers/rules/check-rule-files.ts';
import {
  type LevelPolicy,
  levelPolicySchema,
  type RuleFile,
  ruleFileSchema,
} from '../../classifiers/rules/rule-schema.ts';
import { type SourceConfig, sourceSchema } from '../../crawlers/source-config.ts';
import { type RoutingConfig, routingSchema } from '../alerts/routing-schema.ts';
import { ConfigError, type ConfigProblem } from '../errors.ts';
import type { Environment } from './interpolate.ts';
import { Secret } from './secret.ts';
import { type Settings, settingsSchema } from './settings-schema.ts';
import { readYamlFile, validateYaml, type YamlFile } from './yaml-file.ts';

/** The whole validated, frozen configuration of a process. */
export interface AppConfig {
  configDir: string;
  settings: Settings;
  sources: readonly SourceConfig[];
  rules: readonly RuleFile[];
  levels: LevelPolicy;
  routing: RoutingConfig;
  gazetteer: Gazetteer;
  userDictPath: string | null;
  /** Channel name → its signing key, for channels whose `secret_env` is set in the environment. */
  secrets: ReadonlyMap<string, Secret>;
  /** Things that work but deserve a line at start (a channel without URL, an unset secret). */
  warnings: readonly string[];
}

export interface LoadConfigOptions {
  configDir: string;
  env: Environment;
  /** Relative `data_dir` and file names in messages are taken from here. */
  cwd: string;
}

/** Reads every file under the config dir, reports every problem at once, and freezes the result. */
export async function loadConfig(options: LoadConfigOptions): Promise<AppConfig> {
  const problems: ConfigProblem[] = [];
  const display = (path: string) => relative(options.cwd, path) || path;
  const load = async <T>(path: string, schema: ZodType<T>): Promise<{ value: T; yaml: YamlFile } | null> => {
    const parsed = await readYamlFile(path, display(path), options.env);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      return null;
    }
    const valid = validateYaml(parsed.value, schema);
    if (!valid.ok) {
      problems.push(...valid.problems);
      return null;
    }
    return { value: valid.value, yaml: parsed.value };
  };
  const dir = options.configDir;
  const settings = await load(join(dir, 'default.yaml'), settingsSchema);
  const levels = await load(join(dir, 'levels.yaml'), levelPolicySchema);
  const routing = await load(join(dir, 'routing.yaml'), routingSchema);
  const gazetteer = await load(join(dir, 'gazetteer.yaml'), gazetteerSchema);
  const sources = await loadAll(join(dir, 'sources'), (path) => load(path, sourceSchema), problems, display);
  const rules = await loadAll(join(dir, 'rules'), (path) => load(path, ruleFileSchema), problems, display);

  problems.push(
    ...checkRuleFiles(
      rules.map(
        ({ value, yaml }): LocatedRuleFile => ({ file: yaml.file, lineOf: yaml.lineOf, rules: value }),
      ),
    ),
  );
  problems.push(...checkSourceIds(sources));
  if (routing) problems.push(...checkRoutes(routing.value, routing.yaml));
  if (problems.length > 0 || !settings || !levels || !routing || !gazetteer) throw new ConfigError(problems);

  const userDict = join(dir, 'userdict.txt');
  const config: AppConfig = {
    configDir: dir,
    settings: { ...settings.value, data_dir: resolve(options.cwd, settings.value.data_dir) },
    sources: sources.map((s) => s.value),
    rules: rules.map((r) => r.value),
    levels: levels.value,
    routing: routing.value,
    gazetteer: gazetteer.value,
    userDictPath: (await exists(userDict)) ? userDict : null,
    ...resolveSecrets(routing.value, options.env),
  };
  return deepFreeze(config);
}

async function loadAll<T>(
  folder: string,
  load: (path: string) => Promise<T | null>,
  problems: ConfigProblem[],
  display: (path: string) => string,
): Promise<T[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    problems.push({ file: display(folder), line: null, path: '', message: 'folder is missing' });
    return [];
  }
  const loaded = await Promise.all(names.map((name) => load(join(folder, name))));
  return loaded.filter((item): item is Awaited<T> & {} => item !== null);
}

function checkSourceIds(sources: readonly { value: SourceConfig; yaml: YamlFile }[]): ConfigProblem[] {
  const seen = new Map<string, string>();
  return sources.flatMap(({ value, yaml }) => {
    const other = seen.get(value.id);
    seen.set(value.id, yaml.file);
    return other
      ? [
          {
            file: yaml.file,
            line: yaml.lineOf(['id']),
            path: 'id',
            message: `source id "${value.id}" is also used by ${other}`,
          },
        ]
      : [];
  });
}

function checkRoutes(routing: RoutingConfig, yaml: YamlFile): ConfigProblem[] {
  return routing.routes.flatMap((route, index) =>
    route.channels
      .map((name, at) => ({ name, at }))
      .filter(({ name }) => !(name in routing.channels))
      .map(({ name, at }) => ({
        file: yaml.file,
        line: yaml.lineOf(['routes', index, 'channels', at]),
        path: `routes[${index}].channels[${at}]`,
        message: `unknown channel "${name}" (defined: ${Object.keys(routing.channels).join(', ')})`,
      })),
  );
}

function resolveSecrets(routing: RoutingConfig, env: Environment): Pick<AppConfig, 'secrets' | 'warnings'> {
  const secrets = new Map<string, Secret>();
  const warnings: string[] = [];
  for (const [name, channel] of Object.entries(routing.channels)) {
    if (channel.kind !== 'webhook') continue;
    if (channel.url === null) {
      warnings.push(`channel ${name}: no url configured, so it is disabled`);
      continue;
    }
    if (!channel.secret_env) continue;
    const value = env[channel.secret_env];
    if (value) secrets.set(name, new Secret(channel.secret_env, value));
    else warnings.push(`channel ${name}: ${channel.secret_env} is not set, so its messages are not signed`);
  }
  return { secrets, warnings };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret) && !(value instanceof Map)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
