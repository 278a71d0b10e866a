import { LRUCache } from 'lru-cache';
import type { DepartmentRouting } from '../../classifiers/departments.ts';
import type { TownFinder } from '../../classifiers/gazetteer.ts';
import { normalizeText } from '../../classifiers/normalize.ts';
import { type Industry, type Level, levelRank, type Risk } from '../domain/classification.ts';
import type { FigureStatement, LeadFacts, LeadReport } from './lead-record.ts';
import type { MatchKeys } from './match-keys.ts';

export interface LeadFactsContext {
  county: string;
  findTown: TownFinder;
  departments: DepartmentRouting;
  matchKeys: MatchKeys;
  /** The company or project has verified arrears on record (回头看): the level goes up one step. */
  repeatOffender: boolean;
}

/** 行业领域 as clerks write it, to the classifier's sectors; the first pattern that matches wins. */
const INDUSTRY_WORDS: readonly [RegExp, Industry][] = [
  [/房地产|房产|地产|物业/, 'real_estate'],
  [/交通|公路|铁路|运输|物流/, 'transport'],
  [/水利|水务|河道|灌区/, 'water'],
  [/建筑|工程建设|施工|建设工程|装修|装饰|市政/, 'construction'],
  [/教育|培训|学校/, 'education_training'],
  [/制造|加工|工厂|厂/, 'manufacturing'],
  [/餐饮|商贸|服务|零售|酒店|家政|保安/, 'services'],
];

const STEP_UP: Readonly<Record<Exclude<Level, 'none'>, Exclude<Level, 'none'>>> = {
  blue: 'yellow',
  yellow: 'orange',
  orange: 'red',
  red: 'red',
};

/**
 * What a lead says, worked out again from all its reports each time one is added or split off,
 * so a merge and its undoing can never disagree: the largest stated figures (with who stated
 * what), every distinct description once, the union of risks and owners, the highest level.
 */
export function deriveLeadFacts(reports: readonly LeadReport[], ctx: LeadFactsContext): LeadFacts {
  const sorted = [...reports].sort((a, b) => a.received_at.localeCompare(b.received_at));
  const items = sorted.map((r) => r.item);
  const named = sorted.map(namedOrgs);
  const companies = distinct(named.flatMap((n) => n.companies));
  const projects = distinct(named.flatMap((n) => n.projects));
  const complainants = distinctBy(
    items.map((i) => ({
      name: i.complainant.name ?? null,
      phone: i.complainant.phone ?? null,
      id_number: i.complainant.id_number ?? null,
    })),
    (c) => c.id_number ?? c.phone ?? c.name ?? '',
  ).filter((c) => c.name || c.phone || c.id_number);
  const amount_history = statements(sorted, (r) => r.item.amount_yuan ?? r.classification.amount_yuan);
  const workers_history = statements(sorted, (r) => r.item.workers ?? r.classification.workers);
  const industry = decideIndustry(sorted);
  const risks = [...new Set(sorted.flatMap((r) => r.classification.risks))] as Risk[];
  const place = decidePlace(sorted, ctx);
  const departments = new Set<string>(ctx.departments.default);
  for (const unit of ctx.departments.by_industry[industry] ?? []) departments.add(unit);
  for (const r of sorted) for (const unit of r.classification.departments) departments.add(unit);
  let level = sorted.reduce<Exclude<Level, 'none'>>((top, r) => {
    const own = r.classification.level === 'none' ? 'blue' : r.classification.level;
    return levelRank(own) > levelRank(top) ? own : top;
  }, 'blue');
  if (ctx.repeatOffender) level = STEP_UP[level];
  const phones = complainants.flatMap((c) => (c.phone ? [c.phone] : []));
  const ids = complainants.flatMap((c) => (c.id_number ? [c.id_number] : []));
  const eventIds = distinct(sorted.map((r) => r.post?.event_id));
  const first = sorted[0];
  if (!first) throw new Error('a lead has at least one report');
  return {
    title: titleOf(companies, projects, first.item.description),
    descriptions: distinctBy(
      items.map((i) => i.description.trim()),
      descriptionKey,
    ),
    companies,
    projects,
    complainants,
    amount_yuan: largest(amount_history),
    workers: largest(workers_history),
    amount_history,
    workers_history,
    industry,
    risks,
    level,
    crime_threshold_reached: sorted.some((r) => r.classification.crime_threshold.reached === true),
    town: place.town,
    outside_county: place.outside,
    departments: [...departments],
    sources: distinct(sorted.map((r) => r.source)),
    first_received_at: first.received_at,
    due_by:
      sorted
        .map((r) => r.item.due_by)
        .filter((d): d is string => !!d)
        .sort()[0] ?? null,
    event_ids: eventIds,
    // The event is a key too: a later post in the same incident joins the lead whatever its state.
    match_keys: [
      ...ctx.matchKeys({ companies, projects, phones, id_numbers: ids }),
      ...eventIds.map((e) => `event:${e}`),
    ],
  };
}

const COMPANY = /(公司|集团|项目部|工程处|合作社|培训学校|培训机构|培训中心|幼儿园|酒店|饭店|工厂|厂)$/;
const PROJECT = /(项目|工程)$/;

/**
 * The company and project a report names: as stated by the sender, else as the text names them.
 * A labour contractor named only as 包工头老王 is no key: two different 老王 would merge.
 */
function namedOrgs(report: LeadReport): { companies: string[]; projects: string[] } {
  const { company, project } = report.item;
  const orgs = report.classification.orgs;
  return {
    companies: company ? [company] : orgs.filter((o) => COMPANY.test(o)),
    projects: project ? [project] : orgs.filter((o) => PROJECT.test(o) && !COMPANY.test(o)),
  };
}

function decideIndustry(reports: readonly LeadReport[]): Industry {
  for (const r of reports) {
    const text = r.item.industry_text;
    if (!text) continue;
    const found = INDUSTRY_WORDS.find(([pattern]) => pattern.test(text));
    return found ? found[1] : 'other';
  }
  return reports.map((r) => r.classification.industry).find((i) => i !== 'none') ?? 'none';
}

/**
 * The township from the stated region and address first (what the clerk typed), else from the
 * text. A stated place that names somewhere else, and not this county, is outside it.
 */
function decidePlace(
  reports: readonly LeadReport[],
  ctx: LeadFactsContext,
): { town: string | null; outside: string | null } {
  for (const r of reports) {
    const stated = [r.item.region, r.item.address].filter(Boolean).join(' ');
    if (!stated) continue;
    const town = ctx.findTown(normalizeText(stated));
    if (town) return { town, outside: null };
    if (!stated.includes(ctx.county) && /[省市县区旗州盟]/.test(stated))
      return { town: null, outside: stated };
  }
  return { town: reports.map((r) => r.classification.town).find(Boolean) ?? null, outside: null };
}

function statements(
  reports: readonly LeadReport[],
  pick: (r: LeadReport) => number | null | undefined,
): FigureStatement[] {
  return reports.flatMap((r) => {
    const value = pick(r);
    return value == null ? [] : [{ value, source: r.source, external_id: r.external_id, at: r.received_at }];
  });
}

function largest(history: readonly FigureStatement[]): number | null {
  return history.length === 0 ? null : Math.max(...history.map((s) => s.value));
}

function titleOf(companies: readonly string[], projects: readonly string[], description: string): string {
  const subject = companies[0] ?? projects[0];
  if (subject) return `${subject}${projects[0] && companies[0] ? `（${projects[0]}）` : ''}欠薪`;
  const flat = description.replace(/\s+/g, ' ').trim();
  return flat.length > 30 ? `${flat.slice(0, 30)}…` : flat;
}

function distinct(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v && v.trim() !== '').map((v) => v.trim()))];
}

function distinctBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) {
    const k = key(value);
    if (!seen.has(k)) seen.set(k, value);
  }
  return [...seen.values()];
}

/**
 * Facts are worked out again from every report each time one arrives, so a lead of many reports
 * would normalize the same descriptions over and over; the keys are kept, within a few MB.
 */
const descriptionKeys = new LRUCache<string, string>({
  maxSize: 8_000_000,
  sizeCalculation: (key, description) => description.length + key.length + 1,
});

function descriptionKey(description: string): string {
  let key = descriptionKeys.get(description);
  if (key === undefined) {
    key = normalizeText(description).replace(/\s+/g, '');
    descriptionKeys.set(description, key);
  }
  return key;
}
