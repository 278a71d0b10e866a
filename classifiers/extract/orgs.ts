import { charTable, inTable } from '../char-table.ts';

/** Characters that end a name going leftwards: verbs, prepositions and particles around names. */
const LEFT_BOUNDARY = charTable(
  '在被给向对到找是由和与跟的了让替为于从把说去欠拖帮叫讨要告诉请称由于据经将、，。！？；：:,.!?;（）()“”"\'《》 \t\n\r\f\v\u00a0\u3000',
);
const ORG_SUFFIX =
  /(股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|项目部|工程处|工程队|施工队|劳务队|合作社|培训学校|培训机构|培训中心|幼儿园|酒店|饭店|餐厅|工厂|鞋厂|服装厂|电子厂|家具厂|食品厂)/g;
// Not when the word goes on as another noun: 工程款, 工程车, 工程机械, 工程量, 项目经理.
const PROJECT_SUFFIX = /(项目|工程)(?![款费队处师车机量经])/g;
const HEADMAN =
  /(?:包工头|工头|带班的?|老板|项目经理)(老[\u4e00-\u9fa5]|[\u4e00-\u9fa5]某某?|[\u4e00-\u9fa5]老板|[\u4e00-\u9fa5]总)/g;
const GENERIC =
  /^(?:某?(?:建筑|劳务|工程|建设|装修|物业)?(?:公司|项目部|工程队|施工队|劳务队|项目|工程)|这个项目|那个项目|该项目|该公司|这家公司|那家公司|本公司|我们公司|总包|分包|施工|在建工程|在建项目|建设工程|工程建设|重点项目|重点工程)$/;

/**
 * Companies, projects and named labour contractors a text mentions, in order of appearance:
 * 青禾鑫达建设工程有限公司, 河口镇安置房项目, 包工头老王. Names are read leftwards from their
 * suffix until a particle or verb; generic words (该公司, 项目部) are left out.
 */
export function extractOrgs(text: string): string[] {
  const found: { at: number; name: string }[] = [];
  for (const pattern of [ORG_SUFFIX, PROJECT_SUFFIX]) {
    for (const match of text.matchAll(pattern)) {
      const end = (match.index ?? 0) + match[0].length;
      const name = readLeftwards(text, match.index ?? 0, end);
      if (name && !GENERIC.test(name)) found.push({ at: end - name.length, name });
    }
  }
  for (const match of text.matchAll(HEADMAN)) found.push({ at: match.index ?? 0, name: match[0] });
  found.sort((a, b) => a.at - b.at);
  const names: string[] = [];
  for (const { name } of found) {
    // Keep the longest form of overlapping names: 青禾鑫达建设工程有限公司 over 青禾鑫达建设工程.
    if (names.some((kept) => kept.includes(name))) continue;
    for (let i = names.length - 1; i >= 0; i--) if (name.includes(names[i] as string)) names.splice(i, 1);
    names.push(name);
  }
  return names;
}

/** Who is speaking, in front of a name: 「本人系河道治理工程…」, 「我们鑫达公司」. */
const SPEAKER = /^(?:本人|我们|我|咱们|他们)系?/;

function readLeftwards(text: string, suffixStart: number, end: number): string | null {
  let start = suffixStart;
  while (start > 0 && suffixStart - start < 24 && !inTable(LEFT_BOUNDARY, text, start - 1)) start--;
  const name = text.slice(start, end).replace(SPEAKER, '');
  return name.length - (end - suffixStart) >= 2 ? name : null;
}
