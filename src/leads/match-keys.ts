import { createHmac } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * Keys under which two reports of one case meet: the company, the project, the complainant's
 * phone or ID number. Phones and ID numbers are compared only as keyed hashes, so the index that
 * finds a case again holds no personal data; names of companies and projects are normalized
 * first, so 「青禾建工有限公司」 and 「青禾建工公司」 meet.
 */
export interface MatchKeyInput {
  companies: readonly string[];
  projects: readonly string[];
  phones: readonly string[];
  id_numbers: readonly string[];
}

// Longest first: strip 「有限责任公司」 before 「公司」 would leave 「有限责任」. After the legal form
// come the trade words (建设工程, 劳务): 「青禾鑫达建设工程有限公司」 and 「青禾鑫达建设公司」 are one
// employer to the workers who name it, so the key is the trade name (字号) alone.
const COMPANY_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '集团公司',
  '分公司',
  '公司',
  '集团',
  '工程队',
  '施工队',
  '劳务派遣',
  '房地产开发',
  '建设工程',
  '建筑工程',
  '建筑安装',
  '市政工程',
  '装饰工程',
  '建设',
  '建筑',
  '工程',
  '劳务',
  '装饰',
  '装修',
  '置业',
  '实业',
  '商贸',
  '贸易',
  '物业',
];

/** 「青禾县 青禾建工（集团）有限公司」 → 「青禾建工」: what two spellings of one company share. */
export function normalizeOrgName(name: string): string {
  let text = name
    .normalize('NFKC')
    .replace(/\(集团\)/g, '')
    .replace(/[\s·•・,，.。()（）【】[\]「」"'“”]/g, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of COMPANY_SUFFIXES)
      if (text.length > suffix.length + 1 && text.endsWith(suffix)) {
        text = text.slice(0, -suffix.length);
        changed = true;
      }
  }
  return text;
}

/**
 * Words that say what a business does, not which one it is: the legal forms and trades stripped
 * above, and the kinds of workshop that keep their name (食品加工厂 names no employer).
 */
const TRADE_WORDS = new RegExp(
  `^(?:${[
    ...COMPANY_SUFFIXES,
    ...[
      '市政',
      '房地产',
      '开发',
      '安装',
      '食品',
      '加工',
      '服装',
      '电子',
      '家具',
      '建材',
      '物流',
      '运输',
      '餐饮',
      '机械',
    ],
    ...['五金', '纺织', '印刷', '包装', '塑料', '化工', '制造', '科技', '工贸', '工厂', '厂', '超市'],
    ...['酒店', '饭店', '有限'],
  ].join('|')})+$`,
);

/** Whether a company name, as normalized, still names one employer (a trade name, 字号). */
export function namesOneEmployer(normalized: string): boolean {
  return normalized.length >= 2 && !TRADE_WORDS.test(normalized);
}

/** 「青禾·滨河花园二期项目」 → 「青禾滨河花园二期」. */
export function normalizeProjectName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·•・,，.。()（）【】[\]「」"'“”]/g, '')
    .replace(/(建设)?(项目|工程)$/u, '');
}

export function createMatchKeys(key: string) {
  // Keys are worked out again from every report of a lead each time one arrives: hashed once.
  const hashed = new LRUCache<string, string>({ max: 20_000 });
  const hash = (kind: string, value: string) => {
    const input = `${kind}\u0000${value}`;
    let found = hashed.get(input);
    if (found === undefined) {
      found = `${kind}:${createHmac('sha256', key).update(input).digest('hex').slice(0, 32)}`;
      hashed.set(input, found);
    }
    return found;
  };
  return (input: MatchKeyInput): string[] => {
    const keys = new Set<string>();
    for (const company of input.companies) {
      const name = normalizeOrgName(company);
      if (namesOneEmployer(name)) keys.add(hash('company', name));
    }
    for (const project of input.projects) {
      const name = normalizeProjectName(project);
      if (name.length >= 2) keys.add(hash('project', name));
    }
    for (const phone of input.phones) keys.add(hash('phone', phone.replace(/[\s-]/g, '')));
    for (const id of input.id_numbers) keys.add(hash('id', id.toUpperCase()));
    return [...keys].sort();
  };
}

export type MatchKeys = ReturnType<typeof createMatchKeys>;
