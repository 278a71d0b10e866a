import { type Slots, TEMPLATES, type Template } from './corpus-templates.ts';
import { BUILDING_TRADE, CIVIL_TRADES, VOCAB, WORKPLACES } from './corpus-vocabulary.ts';

export type DemoPostKind =
  | 'complaint' // a worker/team says they are owed wages now (actionable lead)
  | 'mass_gathering' // a group gathers / banners / blocks a site gate or government door over owed wages
  | 'extreme' // climbing a tower crane / rooftop, threatening to jump, blocking a road over owed wages
  | 'criminal' // boss absconded / 跑路 / phone off, assets moved, 拒不支付劳动报酬 suspected, violence
  | 'resolved' // owed wages were already paid / recovered, with no protest
  | 'policy' // policy news, campaign meetings, notices, statistics, legal advice
  | 'rumor' // official denial / clarification of an online wage-arrears rumour
  | 'pay_talk' // mentions 工资/薪资 but is not arrears: pay rises, salary levels, job ads
  | 'unrelated'; // ordinary local posts: weather, traffic, food, school, events

export interface DemoPost {
  id: string;
  kind: DemoPostKind;
  title: string;
  text: string;
  author: string;
  town: string | null;
}

export const TOWNS: readonly string[] = [
  '城关镇',
  '青禾街道',
  '河口镇',
  '石桥镇',
  '柳林乡',
  '马坊镇',
  '东湖街道',
  '新城工业园区',
  '白沙镇',
  '龙泉乡',
];

const DEFAULT_COUNT = 240;
const DEFAULT_SEED = 20261126;

// Posts of each kind per 240: about a third actionable, because most posts a monitor collects that
// mention wages are noise. Other counts are scaled with largest-remainder rounding.
const KIND_WEIGHTS: Readonly<Record<DemoPostKind, number>> = {
  complaint: 44,
  mass_gathering: 14,
  extreme: 10,
  criminal: 8,
  resolved: 28,
  policy: 40,
  rumor: 12,
  pay_talk: 42,
  unrelated: 42,
};

const TEXT_LENGTH = { min: 60, max: 260 } as const;
const TITLE_LENGTH = { min: 8, max: 30 } as const;
const ATTEMPTS_PER_POST = 400;
// Early tries only use a kind's least-used templates, so near-identical posts do not cluster.
const ATTEMPTS_SPREADING_TEMPLATES = 50;
// After this many tries a repeated title is tolerated; a repeated text never is.
const ATTEMPTS_WANTING_UNIQUE_TITLE = 200;

type Rng = () => number;

/** mulberry32: tiny, fast and good enough to make a demo corpus reproducible. */
function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('demo corpus: cannot pick from an empty list');
  return item;
}

function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A 万 figure with at most one decimal, e.g. 8.6 or 32 (never 32.0). */
function wanFromTenths(tenths: number): string {
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

function personalAmount(rng: Rng): string {
  const style = intBetween(rng, 0, 2);
  if (style === 0) return `${intBetween(rng, 30, 98) * 100}元`;
  if (style === 1) return `${wanFromTenths(intBetween(rng, 11, 68))}万元`;
  return pick(rng, VOCAB.colloquialOwed);
}

/** What a whole crew is owed, scaled to its size so ten people are never owed two million. */
function crewAmount(rng: Rng, workers: number): string {
  const tenthsOfWan = workers * intBetween(rng, 6, 45); // 6000-45000元 a head
  const wholeWan = Math.floor(tenthsOfWan / 10);
  if (wholeWan < 10) return `${wanFromTenths(tenthsOfWan)}万元`;
  return pick(rng, [`${wholeWan}万余元`, `${wholeWan}万多元`, `${wanFromTenths(tenthsOfWan)}万元`]);
}

/** A colloquial head count that matches the number of workers in the story. */
function crewPhrase(rng: Rng, workers: number): string {
  if (workers < 8) return pick(rng, ['五六个人', '六七个人']);
  if (workers < 10) return pick(rng, ['七八个人', '八九个人']);
  if (workers < 20) return pick(rng, ['十几个人', '十来个兄弟', '十几个工友']);
  if (workers < 30) return pick(rng, ['二十多个人', '二十来个工友']);
  if (workers < 40) return pick(rng, ['三十来个工友', '三十多个人']);
  return pick(rng, ['四五十个人', '几十个工友']);
}

function maskedPhone(rng: Rng): string {
  return `${pick(rng, VOCAB.phonePrefixes)}****${String(intBetween(rng, 0, 9999)).padStart(4, '0')}`;
}

function winterDate(rng: Rng): string {
  return `${pick(rng, [11, 12, 1])}月${intBetween(rng, 1, 28)}日`;
}

function townGovernment(town: string): string {
  if (town.endsWith('街道')) return `${town}办事处`;
  if (town.endsWith('园区')) return `${town}管委会`;
  return `${town}政府`;
}

function isUrban(town: string): boolean {
  return town.endsWith('街道') || town.endsWith('园区');
}

function companyName(rng: Rng, suffix: string): string {
  return `${pick(rng, VOCAB.brandAreas)}${pick(rng, VOCAB.brands)}${suffix}`;
}

function foremanName(rng: Rng): string {
  const surname = pick(rng, VOCAB.surnames);
  return pick(rng, [`包工头老${surname}`, `工头${surname}老板`, `带班的老${surname}`, `${surname}包工头`]);
}

function drawSlots(rng: Rng): Slots {
  const town = pick(rng, TOWNS);
  const building = pick(rng, BUILDING_TRADE.sites);
  const builder = companyName(rng, pick(rng, BUILDING_TRADE.companySuffixes));
  // Half the site stories are building work, so 塔吊 / 楼顶 stories and generic ones share a contractor.
  const civil = rng() < 0.5 ? pick(rng, CIVIL_TRADES) : null;
  const workplace = pick(rng, WORKPLACES);
  const workers = intBetween(rng, 6, 60);
  return {
    town,
    townGov: townGovernment(town),
    village: pick(rng, isUrban(town) ? VOCAB.communities : VOCAB.villages),
    school: `${town}${pick(rng, VOCAB.schoolKinds)}`,
    site: civil ? pick(rng, civil.sites) : building,
    building,
    builder,
    siteCompany: civil ? companyName(rng, pick(rng, civil.companySuffixes)) : builder,
    siteJob: pick(rng, (civil ?? BUILDING_TRADE).jobs),
    developer: companyName(rng, '置业有限公司'),
    shop: workplace.shop,
    shopCompany: companyName(rng, workplace.companySuffix),
    shopJob: pick(rng, workplace.jobs),
    here: workplace.here,
    foreman: foremanName(rng),
    surname: pick(rng, VOCAB.surnames),
    relative: pick(rng, VOCAB.relatives),
    owed: personalAmount(rng),
    total: crewAmount(rng, workers),
    recovered: `${intBetween(rng, 300, 2600)}.${intBetween(rng, 1, 9)}万元`,
    workers,
    crowd: pick(rng, VOCAB.crowds),
    crew: crewPhrase(rng, workers),
    months: pick(rng, VOCAB.months),
    since: pick(rng, VOCAB.since),
    date: winterDate(rng),
    phone: maskedPhone(rng),
    checked: intBetween(rng, 20, 160),
    cases: intBetween(rng, 5, 60),
    units: intBetween(rng, 2, 9),
    smallN: intBetween(rng, 3, 15),
    bigN: intBetween(rng, 200, 1800),
    salary: intBetween(rng, 38, 90) * 100,
    raise: intBetween(rng, 2, 15) * 100,
    minWage: pick(rng, VOCAB.minWages),
    year: intBetween(rng, 2018, 2023),
    temp: intBetween(rng, 2, 12),
    food: pick(rng, VOCAB.foods),
    road: pick(rng, VOCAB.roads),
    festival: pick(rng, VOCAB.festivals),
    course: pick(rng, VOCAB.courses),
    product: pick(rng, VOCAB.products),
  };
}

const KINDS = Object.keys(KIND_WEIGHTS) as DemoPostKind[];

function kindQuotas(count: number): Map<DemoPostKind, number> {
  const totalWeight = KINDS.reduce((sum, kind) => sum + KIND_WEIGHTS[kind], 0);
  const exact = KINDS.map((kind) => ({ kind, share: (KIND_WEIGHTS[kind] * count) / totalWeight }));
  const quotas = new Map(exact.map(({ kind, share }) => [kind, Math.floor(share)]));
  let leftover = count - [...quotas.values()].reduce((sum, n) => sum + n, 0);
  const byRemainder = [...exact].sort((a, b) => (b.share % 1) - (a.share % 1));
  for (const { kind } of byRemainder) {
    if (leftover === 0) break;
    quotas.set(kind, (quotas.get(kind) ?? 0) + 1);
    leftover -= 1;
  }
  return quotas;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

function kindSchedule(rng: Rng, count: number): DemoPostKind[] {
  const ordered = [...kindQuotas(count)].flatMap(([kind, n]) => Array.from({ length: n }, () => kind));
  return shuffled(rng, ordered);
}

function townsMentioned(text: string): string[] {
  return TOWNS.filter((town) => text.includes(town));
}

function lengthWithin(value: string, range: { min: number; max: number }): boolean {
  const length = [...value].length;
  return length >= range.min && length <= range.max;
}

interface Published {
  texts: Set<string>;
  titles: Set<string>;
  templateUses: Map<Template, number>;
}

function chooseTemplate(rng: Rng, kind: DemoPostKind, attempt: number, published: Published): Template {
  const templates = TEMPLATES[kind];
  if (attempt >= ATTEMPTS_SPREADING_TEMPLATES) return pick(rng, templates);
  const uses = (template: Template) => published.templateUses.get(template) ?? 0;
  const fewestUses = Math.min(...templates.map(uses));
  const leastUsed = templates.filter((template) => uses(template) === fewestUses);
  return pick(rng, leastUsed);
}

function composePost(kind: DemoPostKind, index: number, rng: Rng, published: Published): DemoPost {
  for (let attempt = 0; attempt < ATTEMPTS_PER_POST; attempt += 1) {
    const template = chooseTemplate(rng, kind, attempt, published);
    const [title, text] = template.render(drawSlots(rng));
    const towns = townsMentioned(text);
    if (!lengthWithin(title, TITLE_LENGTH) || !lengthWithin(text, TEXT_LENGTH)) continue;
    if (towns.length > 1 || !townsMentioned(title).every((town) => towns.includes(town))) continue;
    if (published.texts.has(text)) continue;
    if (published.titles.has(title) && attempt < ATTEMPTS_WANTING_UNIQUE_TITLE) continue;
    published.texts.add(text);
    published.titles.add(title);
    published.templateUses.set(template, (published.templateUses.get(template) ?? 0) + 1);
    const id = `d${String(index + 1).padStart(4, '0')}`;
    return { id, kind, title, text, author: pick(rng, template.authors), town: towns[0] ?? null };
  }
  throw new Error(`demo corpus: no distinct ${kind} post left for #${index + 1}; add templates`);
}

/** Same (count, seed) always yields the same posts in the same order. */
export function buildDemoCorpus(count: number = DEFAULT_COUNT, seed: number = DEFAULT_SEED): DemoPost[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`demo corpus: bad count ${count}`);
  const rng = mulberry32(seed);
  const published: Published = { texts: new Set(), titles: new Set(), templateUses: new Map() };
  return kindSchedule(rng, count).map((kind, index) => composePost(kind, index, rng, published));
}
