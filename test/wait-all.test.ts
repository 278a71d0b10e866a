import { describe, expect, it } from 'vitest';
import { waitAll } from '../src/wait-all.ts';

describe('waitAll', () => {
  it('fails with the first failure only once every step has finished', async () => {
    const finished: string[] = [];
    const slow = new Promise<void>((resolve) =>
      setTimeout(() => {
        finished.push('slow');
        resolve();
      }, 30),
    );
    const failing = Promise.reject(new Error('first'));
    const alsoFailing = new Promise((_, reject) => setTimeout(() => reject(new Error('second')), 10));

    await expect(waitAll([failing, slow, alsoFailing, undefined])).rejects.toThrow('first');
    expect(finished).toEqual(['slow']);
  });

  it('resolves when every step succeeds, skipping the absent ones', async () => {
    await expect(waitAll([Promise.resolve(1), undefined])).resolves.toBeUndefined();
  });
});
