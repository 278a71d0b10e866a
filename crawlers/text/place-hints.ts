/**
 * The place a platform says a post came from, in one form: "发布于 浙江", "IP属地：北京",
 * "来自河南", " 广西壮族自治区 钦州市" all become the bare place ("浙江", "北京", "河南",
 * "广西壮族自治区 钦州市"). Null when nothing is left.
 */
export function placeHint(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const place = raw
    .replace(/^\s*(?:发布于|IP\s*属地\s*[:：]?|ip\s*属地\s*[:：]?|来自|属地\s*[:：]?)\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return place ? place : null;
}
