import { describe, expect, it } from 'vitest';
import { createFingerprintWindow, type IndexedEvent } from '../../src/events/fingerprint-window.ts';
import { hammingDistance } from '../../src/events/simhash.ts';

/** The window's rules as a plain walk over the events in the order they were last put. */
function plainWindow() {
  const events = new Map<string, IndexedEvent>();
  const sameTown = (a: string | null, b: string | null) => !a || !b || a === b;
  return {
    put: (id: string, event: IndexedEvent) => {
      events.delete(id);
      events.set(id, event);
    },
    delete: (id: string) => events.delete(id),
    get size() {
      return events.size;
    },
    nearest(fingerprint: string, maxDistance: number, since: number, town: string | null) {
      let best: string | null = null;
      let bestDistance = Number.POSITIVE_INFINITY;
      let bestSeen = Number.NEGATIVE_INFINITY;
      for (const [id, event] of events) {
        if (event.lastSeen < since || !sameTown(town, event.town)) continue;
        for (const print of event.fingerprints) {
          const distance = hammingDistance(print, fingerprint);
          if (distance > maxDistance) continue;
          if (distance < bestDistance || (distance === bestDistance && event.lastSeen > bestSeen)) {
            [best, bestDistance, bestSeen] = [id, distance, event.lastSeen];
          }
        }
      }
      return best;
    },
    staleIds(before: number, limit: number) {
      return [...events]
        .filter(([, e]) => e.lastSeen <= before)
        .map(([id]) => id)
        .slice(0, limit);
    },
  };
}

describe('fingerprint window', () => {
  it('finds the nearest event and the stale ones as a plain walk over the events does, through puts, deletes and compaction', () => {
    let seed = 5;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    const bases = ['0123456789abcdef', 'fedcba9876543210', '00ff00ff00ff00ff', 'a5a5a5a5a5a5a5a5'];
    const print = () => {
      const base = bases[random(bases.length)] as string;
      const at = random(16);
      const flipped = (Number.parseInt(base[at] as string, 16) ^ (1 << random(4))).toString(16);
      return random(3) === 0 ? base : base.slice(0, at) + flipped + base.slice(at + 1);
    };
    const towns = [null, '', '河口镇', '石桥镇'];
    const window = createFingerprintWindow();
    const plain = plainWindow();
    for (let step = 0; step < 6000; step++) {
      const id = `ev-${random(300)}`;
      if (random(4) === 0) {
        window.delete(id);
        plain.delete(id);
      } else {
        const event: IndexedEvent = {
          lastSeen: random(40),
          fingerprints: Array.from({ length: random(7) }, print),
          orgs: [],
          town: towns[random(towns.length)] as string | null,
        };
        window.put(id, event);
        plain.put(id, event);
      }
      const query = print();
      const town = towns[random(towns.length)] as string | null;
      const since = random(40);
      expect(window.size).toBe(plain.size);
      const distance = random(10);
      expect(window.nearest(query, distance, since, town), `step ${step}`).toBe(
        plain.nearest(query, distance, since, town),
      );
      expect(window.staleIds(since, 20)).toEqual(plain.staleIds(since, 20));
    }
  });
});
