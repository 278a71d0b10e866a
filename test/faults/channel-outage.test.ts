import { afterEach, describe, expect, it } from 'vitest';
import { FAILURES_BEFORE_FALLBACK } from '../../src/alerts/delivery/deliver.ts';
import { editConfigFile } from '../helpers/config-copy.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import {
  duplicates,
  type FaultRig,
  STAGES,
  startFaultRig,
  startWebhookReceiver,
  type WebhookReceiver,
  type Worker,
} from './fault-rig.ts';

const POSTS = 400;
const tempDir = useTempDirs();

/** How many times each key occurs. */
function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

describe('the duty webhook down for a while', () => {
  let rig: FaultRig | null = null;
  let fallback: WebhookReceiver | null = null;
  afterEach(async () => {
    await rig?.close();
    await fallback?.close();
    rig = null;
    fallback = null;
  });

  it('retries it, then uses the fallback channel; after recovery the primary again, nothing lost or sent twice', async () => {
    // Posts keep appearing for a minute, so alerts flow before, during and after the outage.
    rig = await startFaultRig(await tempDir(), { posts: POSTS, backlog: 60, perSecond: 5 });
    const { store, receiver: primary } = rig;
    const spare = await startWebhookReceiver();
    fallback = spare;
    await editConfigFile(
      rig.configDir,
      'routing.yaml',
      '    timeout_s: 10\n',
      `    timeout_s: 10\n  duty-fallback:\n    kind: webhook\n    url: ${spare.url}\n`,
    );
    await editConfigFile(
      rig.configDir,
      'routing.yaml',
      '# fallbacks:\n#   duty-webhook: console',
      'fallbacks:\n  duty-webhook: duty-fallback',
    );
    const workers: Worker[] = STAGES.map((stage) => (rig as FaultRig).spawnWorker(stage));
    const logs = () => workers.map((w, i) => `${STAGES[i]}:\n${w.stderr()}${w.stdout()}`).join('\n');
    const failWith = (what: () => string) => (error: Error) => {
      throw new Error(`${error.message} (${what()}); worker logs:\n${logs()}`);
    };

    await waitFor('the first alerts at the duty webhook', () => primary.arrivals.length >= 3, 90_000).catch(
      failWith(() => `${primary.arrivals.length} arrived`),
    );
    primary.down();
    await waitFor('alerts handed to the fallback', () => spare.arrivals.length >= 4, 90_000).catch(
      failWith(() => `${primary.refused()} refused, ${spare.arrivals.length} at the fallback`),
    );
    primary.up();
    const refusedWhileDown = new Set(primary.refusals);
    const arrivedBeforeUp = primary.arrivals.length;
    const atFallbackWhenUp = spare.arrivals.length;
    await waitFor(
      'a new alert at the duty webhook after it came back',
      () => primary.arrivals.slice(arrivedBeforeUp).some((key) => !refusedWhileDown.has(key)),
      90_000,
    ).catch(failWith(() => `${primary.arrivals.length - arrivedBeforeUp} arrived since`));

    await waitFor(
      `every published post stored (${POSTS})`,
      async () => (await store.countPosts()) === POSTS,
      90_000,
    );
    // Every alert recorded reached one channel or the other; read the keys from the store.
    const recordedKeys = async () => {
      const keys = new Set<string>();
      for (const id of rig?.publishedIds() ?? [])
        for (const alert of await store.alertsForPost(id)) keys.add(alert.key);
      return keys;
    };
    let missing: string[] = [];
    await waitFor(
      'every recorded alert delivered to a channel',
      async () => {
        const reached = new Set([...primary.arrivals, ...spare.arrivals]);
        missing = [...(await recordedKeys())].filter((key) => !reached.has(key));
        return missing.length === 0;
      },
      60_000,
    ).catch(failWith(() => `not delivered: ${missing.join(', ')}`));
    const alerts = await recordedKeys();
    const refusals = tally(primary.refusals);
    const newSinceUp = primary.arrivals.slice(arrivedBeforeUp).filter((key) => !refusedWhileDown.has(key));
    console.info(
      `duty webhook down until ${atFallbackWhenUp} alerts had gone to the fallback: ${primary.refused()} requests refused ` +
        `for ${refusals.size} alerts (at most ${Math.max(...refusals.values())} per alert); ${alerts.size} alerts: ` +
        `${primary.arrivals.length} at the duty webhook (${newSinceUp.length} new ones after it came back), ` +
        `${spare.arrivals.length} at the fallback; the operators heard ${rig.operations.arrivals.join(', ') || 'nothing yet'}`,
    );

    // Retried before giving up: every alert at the fallback was refused by the primary first, as often as allowed.
    expect(Math.max(...refusals.values())).toBeGreaterThan(1);
    for (const key of spare.arrivals) expect(refusals.get(key), key).toBe(FAILURES_BEFORE_FALLBACK);
    // What the primary refused for good went to the fallback; what it took later did not.
    for (const [key, count] of refusals) {
      if (count >= FAILURES_BEFORE_FALLBACK) expect(spare.arrivals, key).toContain(key);
      else expect(primary.arrivals, key).toContain(key);
    }
    expect(primary.arrivals.filter((key) => spare.arrivals.includes(key))).toEqual([]);
    // Once up, new alerts go to the primary (and, by the checks above, none to the fallback).
    expect(newSinceUp.length).toBeGreaterThan(0);
    expect(duplicates(primary.arrivals)).toEqual([]);
    expect(duplicates(spare.arrivals)).toEqual([]);
    expect(await rig.failedJobs()).toEqual(Object.fromEntries(STAGES.map((stage) => [stage, 0])));
  });
});
