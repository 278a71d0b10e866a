import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/store/embedded/group-commit.ts';

const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

/** A commit that records each transaction and refuses any holding "bad" (or fails as told). */
function recordingCommit(fail?: (items: readonly string[]) => Error | null) {
  const transactions: string[][] = [];
  const commit = (items: readonly string[]) => {
    const error = fail?.(items) ?? (items.includes('bad') ? new Error('bad item') : null);
    if (error) throw error;
    transactions.push([...items]);
  };
  return { transactions, commit };
}

describe('group commit', () => {
  it('commits the writes of one turn in one transaction, and resolves each after it', async () => {
    const { transactions, commit } = recordingCommit();
    const group = createGroupCommit(commit, { sharedError: () => false });
    const writes = [group.write(['a']), group.write(['b', 'c']), group.write(['d'])];
    expect(transactions).toEqual([]);
    await Promise.all(writes);
    expect(transactions).toEqual([['a', 'b', 'c', 'd']]);
    await group.write(['e']);
    expect(transactions).toEqual([['a', 'b', 'c', 'd'], ['e']]);
  });

  it('fails only the write with a bad item: the others are committed on their own', async () => {
    const { transactions, commit } = recordingCommit();
    const group = createGroupCommit(commit, { sharedError: () => false });
    const results = await Promise.allSettled([group.write(['a']), group.write(['bad']), group.write(['c'])]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'bad item' });
    expect(transactions).toEqual([['a'], ['c']]);
  });

  it('fails every write at once on an error about the whole file, without retrying each', async () => {
    let tries = 0;
    const { transactions, commit } = recordingCommit(() => {
      tries++;
      return locked;
    });
    const group = createGroupCommit(commit, { sharedError: (error) => error === locked });
    const results = await Promise.allSettled([group.write(['a']), group.write(['b'])]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(tries).toBe(1);
    expect(transactions).toEqual([]);
  });

  it('commits what waits when flushed, before the turn ends (closing the file)', async () => {
    const { transactions, commit } = recordingCommit();
    const group = createGroupCommit(commit, { sharedError: () => false });
    const write = group.write(['a']);
    group.flush();
    expect(transactions).toEqual([['a']]);
    await write;
    group.flush();
    expect(transactions).toEqual([['a']]);
  });
});
