import { charTable, inTable } from '../char-table.ts';
import { firstMatchBefore } from './scan.ts';

/** A place level: up to `reach` characters of name, then a suffix not followed by `notAfter`. */
interface Level {
  pattern: RegExp;
  /** The suffix alone, which the search looks for first: names are short. */
  suffix: RegExp;
  reach: number;
}

function level(suffixes: string, notAfter: string, reach: number): Level {
  const suffix = `(?:${suffixes})(?![${notAfter}])`;
  return {
    pattern: new RegExp(`[\\u4e00-\\u9fa5]{1,${reach}}?${suffix}`, 'g'),
    suffix: new RegExp(suffix, 'g'),
    reach,
  };
}

/** Administrative and site suffixes, most specific first. */
const LEVELS: readonly Level[] = [
  level('村|社区|小区|新村|花园|家园|工地', '民委里', 6),
  level('镇|乡|街道|工业园区|开发区|园区', '长政府', 6),
  level('县|区', '委政长里', 6),
  level('市', '委政长民场', 4),
  level('省', '委政长', 4),
];
/** Inside a match, everything up to the last of these belongs to a larger place or to the sentence. */
const LEFT_BOUNDARY = charTable(
  '在被给向对到找是由和与跟的了让替为于从把说去欠拖帮叫我们自省市县、，。！？；：,.!?;“”"（）() \t\n\r\f\v\u00a0\u3000',
);

/**
 * The most specific place a text names: a village, community or site if any, else a town,
 * else a county or district, else a city. A named town right before a village is kept with it
 * (河口镇上河村). Town names from the gazetteer anchor the search, so 在河口镇 reads as 河口镇.
 */
export function extractPlace(text: string, townNames: readonly string[]): string | null {
  for (const { pattern, suffix, reach } of LEVELS) {
    let from = 0;
    for (;;) {
      const match = firstMatchBefore(text, suffix, pattern, reach, from);
      if (!match) break;
      const place = trimLeft(text, match.index, match[0], townNames);
      if (place) return place;
      from = match.index + match[0].length;
    }
  }
  return null;
}

function trimLeft(text: string, start: number, raw: string, townNames: readonly string[]): string | null {
  for (const town of townNames) {
    const at = raw.indexOf(town);
    if (at >= 0) return raw.slice(at);
    // A town name just before the match: 河口镇 + 上河村.
    if (text.slice(Math.max(0, start - town.length), start) === town) return town + stripParticles(raw);
  }
  const name = stripParticles(raw);
  // 某县, 外省某工地: a place nobody can find is not a place.
  const vague = name.includes('某') || /^(?:外|本|全|该|我|各|邻|两|多|每|这|那)/.test(name);
  return name.length >= 2 && !vague ? name : null;
}

function stripParticles(raw: string): string {
  let from = 0;
  for (let i = 0; i < raw.length - 1; i++) if (inTable(LEFT_BOUNDARY, raw, i)) from = i + 1;
  return raw.slice(from);
}
