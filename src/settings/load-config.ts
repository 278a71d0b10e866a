import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type CrimeThresholds, crimeThresholdsSchema } from '../../classifiers/crime-threshold.ts';
import { type Gazetteer, gazetteerSchema } from '../../classifiers/gazetteer.ts';
import type { LevelPolicy, RuleFile } from '../../classifiers/rules/rule-schema.ts';
import { type SourceConfig, sourceSchema } from '../../crawlers/source-config.ts';
import { type OnCallRoster, onCallSchema } from '../alerts/oncall.ts';
import { type RoutingConfig, routingSchema } from '../alerts/routing-schema.ts';
import { ConfigError } from '../errors.ts';
import { type EventConfig, eventConfigSchema } from '../events/event-config.ts';
import { type LeadsConfig, leadsConfigSchema } from '../leads/leads-config.ts';
import { calendarSchema, type WorkingCalendarConfig } from '../leads/working-days.ts';
import { type ReportsConfig, reportsConfigSchema } from '../reports/reports-config.ts';
import {
  checkDepartmentGroups,
  checkOnCallChannels,
  checkReportChannel,
  checkRoutes,
  checkSourceIds,
  checkSupervisionChannels,
  uncoveredCalendarDays,
} from './config-checks.ts';
import { type ConfigLocation, createConfigFiles } from './config-files.ts';
import type { Environment } from './interpolate.ts';
import { loadRuleSetInto } from './load-rule-set.ts';
import { Secret } from './secret.ts';
import { type Settings, settingsSchema } from './settings-schema.ts';

/** The whole validated, frozen configuration of a process. */
export interface AppConfig {
  configDir: string;
  settings: Settings;
  sources: readonly SourceConfig[];
  rules: readonly RuleFile[];
  levels: LevelPolicy;
  routing: RoutingConfig;
  gazetteer: Gazetteer;
  crimeThresholds: CrimeThresholds;
  events: EventConfig;
  onCall: OnCallRoster;
  leads: LeadsConfig;
  reports: ReportsConfig;
  calendar: WorkingCalendarConfig;
  /** Keys the hashes of phones and ID numbers that leads are matched by; null: a fixed key (warned). */
  matchKey: Secret | null;
  /** Intake source → the key its pushes must be signed with, for sources that name one. */
  intakeSecrets: ReadonlyMap<string, Secret>;
  /** Signs acknowledgement links; null leaves links out of messages (with a warning). */
  linkSecret: Secret | null;
  userDictPath: string | null;
  /** Channel name → its signing key, for webhook channels whose `secret_env` is set in the environment. */
  secrets: ReadonlyMap<string, Secret>;
  /** Environment variable → its value, for every variable a channel names (robot URLs, keys, passwords). */
  channelSecrets: ReadonlyMap<string, Secret>;
  /**
   * Per source: request headers read from the variables its `credentials_env` names, and its
   * proxy URL; a source whose variables are unset simply goes without (and says so at start).
   */
  sourceAccess: ReadonlyMap<string, { headers: ReadonlyMap<string, Secret>; proxy: Secret | null }>;
  /** Elasticsearch credentials from the variables the store settings name; null without any. */
  elasticsearchAuth: { username: Secret; password: Secret } | { apiKey: Secret } | null;
  /** Things that work but deserve a line at start (a channel without URL, an unset secret). */
  warnings: readonly string[];
}

/** Where the config lives, the environment it reads, and where relative paths start. */
export type LoadConfigOptions = ConfigLocation;

/** Reads every file under the config dir, reports every problem at once, and freezes the result. */
export async function loadConfig(options: LoadConfigOptions): Promise<AppConfig> {
  const files = createConfigFiles(options);
  const settings = await files.load('default.yaml', settingsSchema);
  const routing = await files.load('routing.yaml', routingSchema);
  const gazetteer = await files.load('gazetteer.yaml', gazetteerSchema);
  const crimeThresholds = await files.load('crime-thresholds.yaml', crimeThresholdsSchema);
  const events = await files.load('events.yaml', eventConfigSchema);
  const onCall = await files.load('oncall.yaml', onCallSchema);
  const leads = await files.load('leads.yaml', leadsConfigSchema);
  const calendar = await files.load('calendar.yaml', calendarSchema);
  const reports = await files.load('reports.yaml', reportsConfigSchema);
  const sources = await files.loadFolder('sources', sourceSchema);
  const { rules, levels } = await loadRuleSetInto(files);
  const { problems } = files;
  problems.push(...checkSourceIds(sources));
  if (routing) problems.push(...checkRoutes(routing.value, routing.yaml));
  if (routing && onCall) problems.push(...checkOnCallChannels(onCall.value, onCall.yaml, routing.value));
  if (routing && leads) problems.push(...checkSupervisionChannels(leads.value, leads.yaml, routing.value));
  if (routing && reports) problems.push(...checkReportChannel(reports.value, reports.yaml, routing.value));
  if (routing)
    problems.push(
      ...checkDepartmentGroups(
        routing.value,
        routing.yaml,
        rules.map((r) => r.value),
      ),
    );
  if (
    problems.length > 0 ||
    !settings ||
    !levels ||
    !routing ||
    !gazetteer ||
    !crimeThresholds ||
    !events ||
    !onCall ||
    !leads ||
    !calendar ||
    !reports
  ) {
    throw new ConfigError(problems);
  }
  const userDict = join(options.configDir, 'userdict.txt');
  const secretsAndWarnings = resolveSecrets(routing.value, options.env);
  const access = resolveSourceAccess(
    sources.map((s) => s.value),
    options.env,
  );
  const config: AppConfig = {
    configDir: options.configDir,
    settings: { ...settings.value, data_dir: resolve(options.cwd, settings.value.data_dir) },
    sources: sources.map((s) => s.value),
    rules: rules.map((r) => r.value),
    levels: levels.value,
    routing: routing.value,
    gazetteer: gazetteer.value,
    crimeThresholds: crimeThresholds.value,
    events: events.value,
    onCall: onCall.value,
    leads: leads.value,
    reports: reports.value,
    calendar: calendar.value,
    matchKey: readSecret(leads.value.merge.key_env, options.env),
    intakeSecrets: new Map(
      Object.entries(leads.value.intake.sources).flatMap(([id, source]) => {
        const secret = source.hmac_secret_env ? readSecret(source.hmac_secret_env, options.env) : null;
        return secret ? [[id, secret] as const] : [];
      }),
    ),
    linkSecret: readSecret(settings.value.console.link_secret_env, options.env),
    userDictPath: (await exists(userDict)) ? userDict : null,
    secrets: secretsAndWarnings.secrets,
    channelSecrets: secretsAndWarnings.channelSecrets,
    warnings: [
      ...secretsAndWarnings.warnings,
      ...access.warnings,
      ...uncoveredCalendarDays(calendar.value, leads.value),
      ...(options.env[leads.value.merge.key_env]
        ? []
        : [
            `${leads.value.merge.key_env} is not set, so phones and ID numbers are matched under a fixed key`,
          ]),
      ...Object.entries(leads.value.intake.sources).flatMap(([id, source]) =>
        source.hmac_secret_env && !options.env[source.hmac_secret_env]
          ? [`intake source ${id}: ${source.hmac_secret_env} is not set, so its pushes are refused`]
          : [],
      ),
      ...(options.env[settings.value.console.link_secret_env]
        ? []
        : [
            `${settings.value.console.link_secret_env} is not set, so messages carry no acknowledgement link`,
          ]),
    ],
    sourceAccess: access.sourceAccess,
    elasticsearchAuth: resolveElasticsearchAuth(settings.value.store.elasticsearch, options.env),
  };
  return deepFreeze(config);
}

function readSecret(name: string, env: Environment): Secret | null {
  const value = env[name];
  return value ? new Secret(name, value) : null;
}

function resolveSourceAccess(
  sources: readonly SourceConfig[],
  env: Environment,
): { sourceAccess: AppConfig['sourceAccess']; warnings: string[] } {
  const warnings: string[] = [];
  const sourceAccess = new Map(
    sources.map((source) => {
      const headers = new Map<string, Secret>();
      for (const [header, name] of Object.entries(source.credentials_env)) {
        const value = env[name];
        if (value) headers.set(header.toLowerCase(), new Secret(name, value));
        else if (source.enabled)
          warnings.push(`source ${source.id}: ${name} is not set, so it goes without its ${header} header`);
      }
      const proxyValue = source.proxy_env ? env[source.proxy_env] : undefined;
      const proxy = source.proxy_env && proxyValue ? new Secret(source.proxy_env, proxyValue) : null;
      return [source.id, { headers, proxy }] as const;
    }),
  );
  return { sourceAccess, warnings };
}

function resolveElasticsearchAuth(
  es: Settings['store']['elasticsearch'],
  env: Environment,
): AppConfig['elasticsearchAuth'] {
  const read = (name: string | undefined) =>
    name && env[name] ? new Secret(name, env[name] as string) : null;
  const apiKey = read(es.api_key_env);
  if (apiKey) return { apiKey };
  const username = read(es.username_env);
  const password = read(es.password_env);
  return username && password ? { username, password } : null;
}

function resolveSecrets(
  routing: RoutingConfig,
  env: Environment,
): Pick<AppConfig, 'secrets' | 'channelSecrets' | 'warnings'> {
  const secrets = new Map<string, Secret>();
  const channelSecrets = new Map<string, Secret>();
  const warnings: string[] = [];
  const read = (name: string) => {
    const value = env[name];
    if (value) channelSecrets.set(name, new Secret(name, value));
    return Boolean(value);
  };
  for (const [name, channel] of Object.entries(routing.channels)) {
    switch (channel.kind) {
      case 'webhook': {
        if (channel.url === null) {
          warnings.push(`channel ${name}: no url configured, so it is disabled`);
          break;
        }
        if (!channel.secret_env) break;
        const value = env[channel.secret_env];
        if (value) secrets.set(name, new Secret(channel.secret_env, value));
        else
          warnings.push(`channel ${name}: ${channel.secret_env} is not set, so its messages are not signed`);
        break;
      }
      case 'wecom':
      case 'dingtalk':
      case 'feishu':
        if (!read(channel.url_env))
          warnings.push(`channel ${name}: ${channel.url_env} is not set, so it is disabled`);
        if ('secret_env' in channel && channel.secret_env && !read(channel.secret_env))
          warnings.push(`channel ${name}: ${channel.secret_env} is not set, so its messages are not signed`);
        break;
      case 'email':
        if (channel.password_env && !read(channel.password_env))
          warnings.push(
            `channel ${name}: ${channel.password_env} is not set, so it logs in without a password`,
          );
        break;
      case 'sms':
        if (channel.api_key_env && !read(channel.api_key_env))
          warnings.push(`channel ${name}: ${channel.api_key_env} is not set, so the gateway gets no key`);
        break;
      default:
        break;
    }
  }
  return { secrets, channelSecrets, warnings };
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
