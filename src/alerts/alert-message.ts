import { z } from 'zod';
import { categorySchema, LEVEL_NAMES_ZH, levelSchema, riskSchema } from '../domain/classification.ts';
import { isoTimestamp } from '../domain/post.ts';
import type { StoredPost } from '../store/store.ts';

/** Everything a channel needs to tell a person about one alert; also the alert job's payload. */
export const alertMessageSchema = z.strictObject({
  key: z.string().min(1),
  level: levelSchema.exclude(['none']),
  title: z.string(),
  summary: z.string(),
  url: z.url(),
  source: z.string(),
  post_id: z.string(),
  town: z.string().nullable(),
  published_at: isoTimestamp,
  categories: z.array(categorySchema),
  risks: z.array(riskSchema),
  reasons: z.array(z.string()),
});

export type AlertMessage = z.infer<typeof alertMessageSchema>;

const RISK_NAMES_ZH = { extreme: '极端行为', mass_gathering: '群体聚集', criminal: '涉嫌犯罪' } as const;

/** The alert for a stored post at its current level; the key changes only when the level does. */
export function alertForPost(stored: StoredPost): AlertMessage | null {
  const { post, classification } = stored;
  if (classification.level === 'none') return null;
  return {
    key: `post:${post.id}:${classification.level}`,
    level: classification.level,
    title: post.title ?? excerpt(post.text, 30),
    summary: excerpt(post.text, 140),
    url: post.url,
    source: post.source,
    post_id: post.id,
    town: classification.town,
    published_at: post.published_at,
    categories: classification.categories,
    risks: classification.risks,
    reasons: classification.hits
      .filter((hit) => hit.score > 0)
      .map((hit) => `${hit.rule}（${hit.terms.join('、')}）`),
  };
}

/** The Chinese text a person on duty reads. */
export function renderAlertText(alert: AlertMessage): string {
  const risks = alert.risks.map((risk) => RISK_NAMES_ZH[risk]).join('、');
  return [
    renderAlertLine(alert),
    `发布时间：${alert.published_at.replace('T', ' ').slice(0, 16)}　来源：${alert.source}`,
    ...(risks ? [`风险：${risks}`] : []),
    `摘要：${alert.summary}`,
    ...(alert.reasons.length > 0 ? [`命中规则：${alert.reasons.join('；')}`] : []),
    `原文：${alert.url}`,
  ].join('\n');
}

/** One line: level, place, title. */
export function renderAlertLine(alert: AlertMessage): string {
  return `【${LEVEL_NAMES_ZH[alert.level]}预警】${alert.town ?? '属地未识别'} · ${alert.title}`;
}

function excerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
