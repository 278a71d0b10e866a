/** The facts the site lists for every complaint, as the classifier should see them. */
export interface ComplaintFacts {
  target: string | null;
  issue: string | null;
  appeal: string | null;
  amount: string | null;
  progress: string | null;
}

/** `main.status` codes of the search API, as the site labels them. */
const PROGRESS: Readonly<Record<string, string>> = {
  '1': '通过审核',
  '3': '待分配',
  '4': '处理中',
  '6': '已回复',
  '7': '已完成',
  '8': '已关闭',
};

export function progressLabel(status: string | number | null | undefined): string | null {
  return status === null || status === undefined ? null : (PROGRESS[String(status)] ?? null);
}

/**
 * Post text in the site's own card layout (`[投诉对象]…` lines) followed by the complaint and
 * its timeline, so the company, the demand and the amount reach the classifier even when the
 * summary never names them.
 */
export function complaintText(facts: ComplaintFacts, sections: readonly string[]): string {
  const lines = [
    field('投诉对象', facts.target),
    field('投诉问题', facts.issue),
    field('投诉要求', facts.appeal),
    field('涉诉金额', amountText(facts.amount)),
    field('投诉进度', facts.progress),
  ];
  return [...lines, ...sections]
    .map((line) => line?.trim())
    .filter(Boolean)
    .join('\n');
}

function field(label: string, value: string | null): string | null {
  const text = value?.trim();
  return text ? `[${label}]${text}` : null;
}

/**
 * The API gives a bare number ("8000"); the unit makes it an amount the extractor recognises.
 * Zero means "not stated" on this site, and a "0元" would read as a claim of nothing owed.
 */
function amountText(raw: string | null): string | null {
  const text = raw?.trim();
  if (!text) return null;
  if (!/^\d+(\.\d+)?$/.test(text)) return text;
  return Number(text) === 0 ? null : `${text}元`;
}
