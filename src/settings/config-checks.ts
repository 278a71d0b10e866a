import type { RuleFile } from '../../classifiers/rules/rule-schema.ts';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import type { OnCallRoster } from '../alerts/oncall.ts';
import type { RoutingConfig } from '../alerts/routing-schema.ts';
import type { ConfigProblem } from '../errors.ts';
import type { LeadsConfig } from '../leads/leads-config.ts';
import { createWorkingCalendar, shanghaiYmd, type WorkingCalendarConfig } from '../leads/working-days.ts';
import type { ReportsConfig } from '../reports/reports-config.ts';
import type { YamlFile } from './yaml-file.ts';
/** Cross-file checks of the configuration: what one schema alone cannot see. */
/** Deadlines in a year whose holiday notice is not entered count holidays as working days. */
export function uncoveredCalendarDays(calendar: WorkingCalendarConfig, leads: LeadsConfig): string[] {
  const cal = createWorkingCalendar(calendar);
  const days = [shanghaiYmd(new Date()), leads.campaign.clearance_deadline];
  return [...new Set(days.filter((day) => !cal.covers(day)).map((day) => day.slice(0, 4)))].map(
    (year) =>
      `calendar.yaml does not cover ${year} yet: its holidays are counted as working days until the State Council notice is entered`,
  );
}

/** Reports go through an `email` channel of routing.yaml, and need someone to go to. */
export function checkReportChannel(
  reports: ReportsConfig,
  yaml: YamlFile,
  routing: RoutingConfig,
): ConfigProblem[] {
  const name = reports.delivery.smtp_channel;
  if (!name) return [];
  const channel = routing.channels[name];
  const problem = (path: string[], message: string): ConfigProblem => ({
    file: yaml.file,
    line: yaml.lineOf(path),
    path: path.join('.'),
    message,
  });
  if (!channel)
    return [
      problem(['delivery', 'smtp_channel'], `unknown channel "${name}" (not in routing.yaml channels)`),
    ];
  if (channel.kind !== 'email')
    return [problem(['delivery', 'smtp_channel'], `channel "${name}" is ${channel.kind}, not email`)];
  if (reports.delivery.to.length === 0)
    return [problem(['delivery', 'to'], 'smtp_channel is set but nobody to send to')];
  return [];
}

/** Every channel the supervision ladder names must exist in routing.yaml. */
export function checkSupervisionChannels(
  leads: LeadsConfig,
  yaml: YamlFile,
  routing: RoutingConfig,
): ConfigProblem[] {
  const named: { path: (string | number)[]; channel: string }[] = [
    ...leads.supervision.leading_group.map((channel, i) => ({
      path: ['supervision', 'leading_group', i],
      channel,
    })),
    ...Object.entries(leads.supervision.units).flatMap(([unit, list]) =>
      list.map((channel, i) => ({ path: ['supervision', 'units', unit, i], channel })),
    ),
  ];
  return named
    .filter(({ channel }) => !(channel in routing.channels))
    .map(({ path, channel }) => ({
      file: yaml.file,
      line: yaml.lineOf(path),
      path: path.join('.'),
      message: `unknown channel "${channel}" (not in routing.yaml channels)`,
    }));
}

export function checkSourceIds(sources: readonly { value: SourceConfig; yaml: YamlFile }[]): ConfigProblem[] {
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

export function checkRoutes(routing: RoutingConfig, yaml: YamlFile): ConfigProblem[] {
  const unknown = (names: readonly string[], at: (index: number) => (string | number)[]) =>
    names
      .map((name, index) => ({ name, index }))
      .filter(({ name }) => !(name in routing.channels))
      .map(({ name, index }) => ({
        file: yaml.file,
        line: yaml.lineOf(at(index)),
        path: at(index)
          .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
          .join(''),
        message: `unknown channel "${name}" (defined: ${Object.keys(routing.channels).join(', ')})`,
      }));
  return [
    ...routing.routes.flatMap((route, index) =>
      unknown(route.channels, (at) => ['routes', index, 'channels', at]),
    ),
    ...unknown(routing.operations.channels, (at) => ['operations', 'channels', at]),
    // A fallback to no channel would drop a refused message after its last try.
    ...Object.entries(routing.fallbacks).flatMap(([from, to]) => [
      ...unknown([from], () => ['fallbacks', from]),
      ...unknown([to], () => ['fallbacks', from]),
    ]),
  ];
}

export function checkDepartmentGroups(
  routing: RoutingConfig,
  yaml: YamlFile,
  rules: readonly RuleFile[],
): ConfigProblem[] {
  const groups = new Set(rules.flatMap((file) => Object.keys(file.groups)));
  return Object.keys(routing.departments.by_group)
    .filter((group) => !groups.has(group))
    .map((group) => ({
      file: yaml.file,
      line: yaml.lineOf(['departments', 'by_group', group]),
      path: `departments.by_group.${group}`,
      message: `unknown group "${group}" (groups are defined in config/rules/)`,
    }));
}

export function checkOnCallChannels(
  roster: OnCallRoster,
  yaml: YamlFile,
  routing: RoutingConfig,
): ConfigProblem[] {
  return Object.entries(roster.people).flatMap(([id, person]) =>
    person.channels
      .map((name, index) => ({ name, index }))
      .filter(({ name }) => !(name in routing.channels))
      .map(({ name, index }) => ({
        file: yaml.file,
        line: yaml.lineOf(['people', id, 'channels', index]),
        path: `people.${id}.channels[${index}]`,
        message: `unknown channel "${name}" (defined in routing.yaml: ${Object.keys(routing.channels).join(', ')})`,
      })),
  );
}
