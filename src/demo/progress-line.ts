import type { PipelineStats } from './pipeline-stats.ts';

/** `[00:12] 站点已发布 96 · 采集 96 · 分类 96（线索 41）· 入库 96 · 预警 38（红 6 橙 5 黄 27）· 推送 38` */
export function progressLine(
  elapsedMs: number,
  published: number,
  stats: PipelineStats,
  delivered: number,
): string {
  const seconds = Math.floor(elapsedMs / 1000);
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  const { red, orange, yellow } = stats.alertsByLevel;
  return (
    `[${clock}] 站点已发布 ${published} · 采集 ${stats.collected} · 分类 ${stats.classified}（线索 ${stats.leads}）` +
    ` · 入库 ${stats.stored} · 预警 ${stats.alerts}（红 ${red} 橙 ${orange} 黄 ${yellow}）· 推送 ${delivered}`
  );
}

/** The closing line tests and scripts read; its wording is fixed. */
export function summaryLine(stats: PipelineStats): string {
  return `summary: collected=${stats.collected} classified=${stats.classified} stored=${stats.stored} alerts=${stats.alerts}`;
}
