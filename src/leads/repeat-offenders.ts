import type { Risk } from '../domain/classification.ts';
import type { Lead, LeadState } from './lead-record.ts';
import type { LeadsConfig } from './leads-config.ts';
import { normalizeOrgName, normalizeProjectName } from './match-keys.ts';
import { isVerifiedCase } from './verified-case.ts';

export interface OffenderLead {
  id: string;
  state: LeadState;
  first_received_at: string;
  amount_yuan: number | null;
  workers: number | null;
}

/** One company or project named by several leads or by a verified one (回头看). */
export interface OffenderGroup {
  kind: 'company' | 'project';
  /** The spelling the leads use most (ties: the first in Chinese collation). */
  name: string;
  /** Oldest first. */
  leads: OffenderLead[];
  verified_cases: number;
  /** Over the group's leads except those found unfounded (不属实, also once closed: no arrears). */
  total_amount_yuan: number;
  total_workers: number;
  blacklist_candidate: boolean;
  /** Why it is a candidate, in Chinese; only verified leads give a basis (失信联合惩戒). */
  basis: string[];
}

type Blacklist = LeadsConfig['blacklist'];

interface Bucket {
  kind: OffenderGroup['kind'];
  spellings: Map<string, number>;
  leads: Lead[];
}

const RISK_BASIS_ZH: Readonly<Record<Risk, string>> = {
  mass_gathering: '引发群体聚集',
  extreme: '引发极端事件',
  criminal: '涉嫌犯罪',
};

/**
 * Companies and projects with repeat or verified arrears among the leads received by `now`.
 * Names are grouped by their normalized form (a lead naming two counts for each; names shorter
 * than two characters once normalized are ignored). A verified case is a lead in state verified or
 * resolved, closed after a resolution (not after 不属实 or 转办), or reopened after verification.
 */
export function repeatOffenders(leads: readonly Lead[], blacklist: Blacklist, now: Date): OffenderGroup[] {
  const received = leads
    // A lead merged into another is that lead's report now, not a second complaint.
    .filter((lead) => !lead.work.merged_into && Date.parse(lead.facts.first_received_at) <= now.getTime())
    .sort(
      (a, b) =>
        Date.parse(a.facts.first_received_at) - Date.parse(b.facts.first_received_at) ||
        a.id.localeCompare(b.id),
    );
  const buckets = new Map<string, Bucket>();
  for (const lead of received) {
    collect(buckets, 'company', lead, lead.facts.companies, normalizeOrgName);
    collect(buckets, 'project', lead, lead.facts.projects, normalizeProjectName);
  }
  return [...buckets.values()]
    .map((bucket) => toGroup(bucket, blacklist))
    .filter((group) => group.leads.length >= 2 || group.verified_cases >= 1)
    .sort(
      (a, b) =>
        Number(b.blacklist_candidate) - Number(a.blacklist_candidate) ||
        b.verified_cases - a.verified_cases ||
        b.total_amount_yuan - a.total_amount_yuan ||
        a.kind.localeCompare(b.kind) ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
}

/** 不属实, or closed after 不属实 (a resolution would show it was closed after payment). */
function isUnfounded({ work }: Lead): boolean {
  return (
    work.state === 'unfounded' ||
    (work.state === 'closed' && work.resolution === null && work.unfounded_reason !== null)
  );
}

function collect(
  buckets: Map<string, Bucket>,
  kind: Bucket['kind'],
  lead: Lead,
  names: readonly string[],
  normalize: (name: string) => string,
): void {
  const seen = new Set<string>();
  for (const name of names) {
    const key = normalize(name);
    if (key.length < 2) continue;
    const id = `${kind}\u0000${key}`;
    const bucket: Bucket = buckets.get(id) ?? { kind, spellings: new Map(), leads: [] };
    buckets.set(id, bucket);
    const spelling = name.trim();
    bucket.spellings.set(spelling, (bucket.spellings.get(spelling) ?? 0) + 1);
    if (!seen.has(key)) bucket.leads.push(lead);
    seen.add(key);
  }
}

function toGroup(bucket: Bucket, blacklist: Blacklist): OffenderGroup {
  const verified = bucket.leads.filter(isVerifiedCase);
  const standing = bucket.leads.filter((lead) => !isUnfounded(lead));
  const basis = basisOf(verified, blacklist);
  return {
    kind: bucket.kind,
    name: [...bucket.spellings].sort(([a, na], [b, nb]) => nb - na || a.localeCompare(b, 'zh-CN'))[0]![0],
    leads: bucket.leads.map(({ id, work, facts }) => ({
      id,
      state: work.state,
      first_received_at: facts.first_received_at,
      amount_yuan: facts.amount_yuan,
      workers: facts.workers,
    })),
    verified_cases: verified.length,
    total_amount_yuan: standing.reduce((sum, lead) => sum + (lead.facts.amount_yuan ?? 0), 0),
    total_workers: standing.reduce((sum, lead) => sum + (lead.facts.workers ?? 0), 0),
    // For a project group this means: look at the companies behind it (the list names employers).
    blacklist_candidate: basis.length > 0,
    basis,
  };
}

function basisOf(verified: readonly Lead[], blacklist: Blacklist): string[] {
  const basis: string[] = [];
  const ids = (pick: (lead: Lead) => boolean) =>
    verified
      .filter(pick)
      .map((lead) => lead.id)
      .join('、');
  if (verified.length >= blacklist.min_verified_cases)
    basis.push(`已核实欠薪 ${verified.length} 起（≥ ${blacklist.min_verified_cases} 起）`);
  const crime = ids((lead) => lead.facts.crime_threshold_reached);
  if (blacklist.crime_threshold && crime) basis.push(`达到拒不支付劳动报酬罪数额标准（线索 ${crime}）`);
  for (const risk of new Set(blacklist.risks)) {
    const hit = ids((lead) => lead.facts.risks.includes(risk));
    if (hit) basis.push(`${RISK_BASIS_ZH[risk]}（线索 ${hit}）`);
  }
  return basis;
}
