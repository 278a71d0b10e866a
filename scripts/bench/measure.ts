/** Small helpers for benchmarks: medians of repeated timed runs, percentiles, memory. */
import { readFileSync } from 'node:fs';

/** Runs `work` over and over for about `ms` milliseconds; returns operations per second. */
export function throughput(work: () => number, ms: number): number {
  let operations = 0;
  const started = performance.now();
  while (performance.now() - started < ms) operations += work();
  return operations / ((performance.now() - started) / 1000);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function rssMb(): number {
  return round(process.memoryUsage().rss / 1024 / 1024, 0);
}

/**
 * A process's peak resident memory in KB: the kernel's VmHWM, which starts afresh at exec.
 * getrusage's maxrss does not: Linux keeps it across execve, so a child forked from a bench
 * runner that had grown to 370 MB reports at least 370 MB.
 */
export function peakRssKb(pid: number | 'self' = 'self'): number {
  try {
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    if (Number.isFinite(kb) && kb > 0) return kb;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  if (pid !== 'self') throw new Error(`no peak memory figure for process ${pid} (needs /proc)`);
  return process.resourceUsage().maxRSS;
}
