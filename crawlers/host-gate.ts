/** How politely one host is treated: requests at once, and the gap between two starts. */
export interface HostRule {
  minIntervalMs: number;
  concurrency: number;
}

/**
 * Politeness per host. The in-process gate serves a single process (tests, `crawl --once`);
 * `createRedisHostGate` shares the same rule across every worker through Redis.
 */
export interface HostGate {
  /** Runs `task` when the host's turn comes. */
  run<T>(host: string, rule: HostRule, task: () => Promise<T>): Promise<T>;
}

/** One process: at most `concurrency` requests per host at once, starts at least `minIntervalMs` apart. */
export function createHostGate(now: () => number = Date.now): HostGate {
  const hosts = new Map<string, { active: number; lastStart: number; waiting: (() => void)[] }>();
  const stateOf = (host: string) => {
    let state = hosts.get(host);
    if (!state) {
      state = { active: 0, lastStart: Number.NEGATIVE_INFINITY, waiting: [] };
      hosts.set(host, state);
    }
    return state;
  };
  return {
    async run(host, rule, task) {
      const state = stateOf(host);
      // Wait for a slot, then for the gap since the previous start.
      while (state.active >= Math.max(1, rule.concurrency))
        await new Promise<void>((resolve) => state.waiting.push(resolve));
      state.active++;
      try {
        for (;;) {
          const wait = state.lastStart + rule.minIntervalMs - now();
          if (wait <= 0) break;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
        state.lastStart = now();
        return await task();
      } finally {
        state.active--;
        state.waiting.shift()?.();
        if (state.active === 0 && state.waiting.length === 0 && rule.minIntervalMs === 0) hosts.delete(host);
      }
    },
  };
}
