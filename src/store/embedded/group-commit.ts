export interface GroupCommit<T> {
  /** Resolves once `items` are committed, together with whatever else arrived in the same turn. */
  write(items: readonly T[]): Promise<void>;
  /** Commits what is waiting now, without waiting for the next turn (before closing). */
  flush(): void;
}

export interface GroupCommitOptions {
  /**
   * Whether an error concerns the whole batch (the file is locked or unavailable) rather than
   * one caller's items. Such an error fails every caller at once; any other is retried per
   * caller, so one bad item fails only the call that brought it.
   */
  sharedError(error: unknown): boolean;
}

interface Waiting<T> {
  items: readonly T[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit: writes that arrive in the same event-loop turn share one transaction. A collect
 * worker with eight pages in flight otherwise commits eight small transactions, each writing
 * the same handful of index pages to the WAL again; committed together they write them once.
 * Every caller still learns of its own commit before its promise resolves.
 */
export function createGroupCommit<T>(
  commit: (items: readonly T[]) => void,
  options: GroupCommitOptions,
): GroupCommit<T> {
  let waiting: Waiting<T>[] = [];
  let scheduled: NodeJS.Immediate | null = null;

  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    try {
      commit(batch.length === 1 ? (batch[0] as Waiting<T>).items : batch.flatMap((entry) => entry.items));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      if (batch.length === 1 || options.sharedError(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      for (const entry of batch) {
        try {
          commit(entry.items);
          entry.resolve();
        } catch (own) {
          entry.reject(own);
        }
      }
    }
  };

  return {
    write: (items) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ items, resolve, reject });
        scheduled ??= setImmediate(flush);
      }),
    flush,
  };
}
