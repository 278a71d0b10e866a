/**
 * Politeness inside one process: requests to a host go one at a time and at least
 * `minIntervalMs` apart. (Sharing this across processes through Redis is issue #3.)
 */
export interface HostGate {
  /** Runs `task` when the host's turn comes. */
  run<T>(host: string, minIntervalMs: number, task: () => Promise<T>): Promise<T>;
}

export function createHostGate(now: () => number = Date.now): HostGate {
  const tails = new Map<string, Promise<unknown>>();
  const lastStart = new Map<string, number>();
  return {
    run(host, minIntervalMs, task) {
      const previous = tails.get(host) ?? Promise.resolve();
      const turn = previous
        .catch(() => undefined)
        .then(async () => {
          const wait = (lastStart.get(host) ?? Number.NEGATIVE_INFINITY) + minIntervalMs - now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          lastStart.set(host, now());
          return task();
        });
      const tail = turn.catch(() => undefined);
      tails.set(host, tail);
      void tail.then(() => {
        if (tails.get(host) === tail) tails.delete(host);
      });
      return turn;
    },
  };
}
