/** Administrative and site suffixes, most specific first. */
const LEVELS: readonly RegExp[] = [
  /[\u4e00-\u9fa5]{1,6}?(?:村|社区|小区|新村|花园|家园|工地)(?![民委里])/g,
  /[\u4e00-\u9fa5]{1,6}?(?:镇|乡|街道|工业园区|开发区|园区)(?![长政府])/g,
  /[\u4e00-\u9fa5]{1,6}?(?:县|区)(?![委政长里])/g,
  /[\u4e00-\u9fa5]{1,4}?市(?![委政长民场])/g,
  /[\u4e00-\u9fa5]{1,4}?省(?![委政长])/g,
];
/** Inside a match, everything up to the last of these belongs to a larger place or to the sentence. */
const LEFT_BOUNDARY =
  /[在被给向对到找是由和与跟的了让替为于从把说去欠拖帮叫我们自省市县、，。！？；：,.!?;\s“”"（）()]/;

/**
 * The most specific place a text names: a village, community or site if any, else a town,
 * else a county or district, else a city. A named town right before a village is kept with it
 * (河口镇上河村). Town names from the gazetteer anchor the search, so 在河口镇 reads as 河口镇.
 */
export function extractPlace(text: string, townNames: readonly string[]): string | null {
  for (const pattern of LEVELS) {
    for (const match of text.matchAll(pattern)) {
      const place = trimLeft(text, match.index ?? 0, match[0], townNames);
      if (place) return place;
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
  for (let i = 0; i < raw.length - 1; i++) if (LEFT_BOUNDARY.test(raw[i] as string)) from = i + 1;
  return raw.slice(from);
}
