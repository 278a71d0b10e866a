import { LEVEL_NAMES_ZH, type Level, levelRank } from '../domain/classification.ts';
import type { EventConfig } from './event-config.ts';
import { type EventRecord, hourOf } from './event-record.ts';

const STEP_UP: Readonly<Record<Level, Level>> = {
  none: 'none',
  blue: 'yellow',
  yellow: 'orange',
  orange: 'red',
  red: 'red',
};

/**
 * An event's level and why (pure): the highest level of its posts, one step higher when it
 * spreads fast (posts or engagement accelerating in the last hour, capped by config), and at
 * least orange when it names a repeat offender or a post reaches the crime thresholds.
 */
export function eventLevel(
  event: EventRecord,
  config: EventConfig,
): { level: Level; reasons: string[]; repeatOffender: string | null } {
  let level = event.max_post_level;
  const reasons = level === 'none' ? [] : [`帖子最高等级：${LEVEL_NAMES_ZH[level]}`];
  if (level === 'none') return { level, reasons, repeatOffender: null };

  const spread = spreading(event, config);
  if (spread && levelRank(level) < levelRank(config.spread.max_level)) {
    const raised = STEP_UP[level];
    level = levelRank(raised) > levelRank(config.spread.max_level) ? config.spread.max_level : raised;
    reasons.push(spread);
  }
  const offender = repeatOffenderIn(event, config.repeat_offenders);
  if (offender && levelRank(level) < levelRank('orange')) level = 'orange';
  if (offender) reasons.push(`涉及曾欠薪单位：${offender}（回头看）`);
  if (event.crime_threshold_hit) {
    if (levelRank(level) < levelRank('orange')) level = 'orange';
    reasons.push('达到拒不支付劳动报酬罪立案标准（提示移交公安研判）');
  }
  return { level, reasons, repeatOffender: offender };
}

/** A reason when the event spreads fast in its latest hour, else null. */
function spreading(event: EventRecord, config: EventConfig): string | null {
  const last = hourOf(event.last_seen);
  const previous = hourOf(new Date(Date.parse(event.last_seen) - 3_600_000).toISOString());
  const count = (hourly: EventRecord['hourly'], hour: string) => hourly.find(([h]) => h === hour)?.[1] ?? 0;
  const now = count(event.hourly, last);
  const before = count(event.hourly, previous);
  if (now >= config.spread.min_posts_last_hour && now >= config.spread.acceleration * before) {
    return `扩散加速：近1小时 ${now} 条，前1小时 ${before} 条`;
  }
  const engagement = event.engagement_hourly.at(-1);
  if (engagement && engagement[1] >= config.spread.min_engagement_last_hour) {
    return `互动激增：1小时内转发评论增加 ${engagement[1]}`;
  }
  return null;
}

function repeatOffenderIn(event: EventRecord, offenders: readonly string[]): string | null {
  const haystack = [...event.orgs, event.title, event.summary].join('\n');
  return offenders.find((name) => haystack.includes(name)) ?? null;
}
