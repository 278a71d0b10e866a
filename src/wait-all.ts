/**
 * Waits for every step, then fails with the first failure, if any. Unlike `Promise.all`, no step
 * is still running when the caller's job fails, so the job's retry never overlaps one.
 */
export async function waitAll(steps: readonly (Promise<unknown> | undefined)[]): Promise<void> {
  const settled = await Promise.allSettled(steps);
  for (const step of settled) if (step.status === 'rejected') throw step.reason;
}
