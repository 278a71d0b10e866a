import type { Category, Classification, Risk, RuleHit } from '../src/domain/classification.ts';
import { type CrimeThresholds, checkCrimeThreshold } from './crime-threshold.ts';
import { type DepartmentRouting, routeDepartments } from './departments.ts';
import { extractFacts, type FactName, type Facts } from './facts.ts';
import type { TownFinder } from './gazetteer.ts';
import { decideIndustry } from './industry.ts';
import { decideLevel } from './level-policy.ts';
import { normalizeText } from './normalize.ts';
import {
  type CompiledRule,
  type CompiledRuleSet,
  factMask,
  mayFire,
  ruleFires,
  scopeMatches,
  termsBehind,
} from './rules/compile-rules.ts';
import type { LevelPolicy } from './rules/rule-schema.ts';
import type { Segmenter } from './segmenter.ts';

export interface ClassifierDeps {
  rules: CompiledRuleSet;
  levels: LevelPolicy;
  findTown: TownFinder;
  townNames: readonly string[];
  departments: DepartmentRouting;
  crimeThresholds: CrimeThresholds;
  segmenter: Segmenter;
}

export interface ClassifierInput {
  title?: string | null;
  text: string;
}

export type Classifier = (input: ClassifierInput) => Classification;

/** A classification together with the words the text was segmented into (title first). */
export interface Analysis {
  classification: Classification;
  tokens: readonly string[];
}

/**
 * Classifies a batch and hands back each text's tokens too. It segments every text of the batch
 * before it runs any rule: jieba's dictionary is far larger than the cache, and the rules' work
 * between two cuts evicts it. Back to back, the cuts cost about a tenth less.
 */
export type Analyzer = (inputs: readonly ClassifierInput[]) => Analysis[];

/** A text normalized and cut into words, title first. */
interface Segmented {
  title: string;
  text: string;
  /** The title's words and a separating 。, empty without a title. */
  titleTokens: readonly string[];
  tokens: readonly string[];
}

/** What the fired rules say, before level and owners are worked out. */
interface Verdict {
  hits: RuleHit[];
  categories: Category[];
  risks: Risk[];
  claim: boolean;
  veto: boolean;
  /** A veto that is not a settlement (fiction, a denied rumour): the text reports no real case. */
  noCase: boolean;
  /** Some rule says the text is not about one settled case (a tally of many, say). */
  notResolved: boolean;
  resolved: boolean;
  score: number;
}

/** A pure classifier: same text and rules, same answer; no I/O, no clock. */
export function createClassifier(deps: ClassifierDeps): Classifier {
  return (input) => classifySegmented(deps, segment(deps.segmenter, input)).classification;
}

/** The classifier over batches that also hands back the tokens, so a caller need not segment again. */
export function createAnalyzer(deps: ClassifierDeps): Analyzer {
  return (inputs) => {
    const segmented = inputs.map((input) => segment(deps.segmenter, input));
    return segmented.map((one) => classifySegmented(deps, one));
  };
}

function segment(segmenter: Segmenter, input: ClassifierInput): Segmented {
  const title = input.title ? normalizeText(input.title) : '';
  const text = normalizeText(input.text);
  const titleTokens = title ? [...segmenter.cut(title), '。'] : [];
  const bodyTokens = segmenter.cut(text);
  return { title, text, titleTokens, tokens: title ? titleTokens.concat(bodyTokens) : bodyTokens };
}

function classifySegmented(deps: ClassifierDeps, { title, text, titleTokens, tokens }: Segmented): Analysis {
  const matches = deps.rules.matcher.match(tokens);
  const whole = title ? `${title}。${text}` : text;
  const { facts, stated } = extractFacts(whole, deps.townNames);
  const verdict = judge(deps.rules, scopeMatches(matches, titleTokens.length - 1), stated);
  const lead = verdict.claim && !verdict.veto && verdict.score >= deps.levels.lead.min_score;
  // Risks and a settlement are facts about a concrete case: a denied rumour of a crane climb,
  // a warning against blocking roads or a campaign tally of recovered wages reports neither.
  const risks = lead ? verdict.risks : [];
  const resolved = verdict.resolved && !verdict.notResolved && !verdict.noCase;
  const industry = decideIndustry(deps.rules.industries, matches, lead || resolved);
  const crime = lead
    ? checkCrimeThreshold(deps.crimeThresholds, facts)
    : { reached: null, basis: '不是欠薪线索，不作判断' };
  const level = decideLevel(deps.levels, {
    lead,
    resolved,
    risks,
    categories: verdict.categories,
    score: verdict.score,
    workers: facts.workers ?? facts.workers_range?.min ?? null,
    amountYuan: facts.amount_yuan ?? facts.amount_range?.min ?? null,
    crimeThresholdReached: crime.reached === true,
  });
  const classification: Classification = {
    lead,
    resolved,
    categories: verdict.categories,
    industry,
    risks,
    ...(facts satisfies Facts),
    town: deps.findTown(whole),
    departments: lead ? routeDepartments(deps.departments, { industry, risks, matches }) : [],
    crime_threshold: crime,
    level,
    score: verdict.score,
    hits: verdict.hits,
  };
  return { classification, tokens };
}

function judge(
  rules: CompiledRuleSet,
  scoped: ReturnType<typeof scopeMatches>,
  facts: ReadonlySet<FactName>,
): Verdict {
  const verdict: Verdict = {
    hits: [],
    categories: [],
    risks: [],
    claim: false,
    veto: false,
    noCase: false,
    notResolved: false,
    resolved: false,
    score: 0,
  };
  // Arrays, not sets: a post fires a handful of rules, naming one or two of each.
  const categories: Category[] = [];
  const risks: Risk[] = [];
  const stated = factMask(facts);
  for (let r = 0; r < rules.rules.length; r++) {
    if (!mayFire(rules.triggers, r, scoped.any.lists)) continue;
    const rule = rules.rules[r] as CompiledRule;
    if (!ruleFires(rule, scoped, stated)) continue;
    verdict.hits.push({ rule: rule.id, terms: termsBehind(rule, scoped.any), score: rule.score });
    verdict.score += rule.score;
    for (const category of rule.set.categories) if (!categories.includes(category)) categories.push(category);
    for (const risk of rule.set.risks) if (!risks.includes(risk)) risks.push(risk);
    if (rule.set.lead === true) verdict.claim = true;
    if (rule.set.lead === false) verdict.veto = true;
    if (rule.set.lead === false && rule.set.resolved !== true) verdict.noCase = true;
    if (rule.set.resolved === true) verdict.resolved = true;
    if (rule.set.resolved === false) verdict.notResolved = true;
  }
  verdict.categories = categories;
  verdict.risks = risks;
  return verdict;
}
