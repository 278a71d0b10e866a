import { type Fingerprint, popcount32 } from './simhash.ts';

/** What matching needs of one event. */
export interface IndexedEvent {
  /** Epoch ms of the event's latest post. */
  lastSeen: number;
  fingerprints: readonly Fingerprint[];
  orgs: readonly string[];
  town: string | null;
}

interface Entry extends IndexedEvent {
  /** The fingerprints as 32-bit halves, high then low, so a comparison parses nothing. */
  halves: Uint32Array;
}

/**
 * The events of the matching window in memory: nearest fingerprint by Hamming distance, and
 * events by organisation. A SimHash match at the configured distance (12 of 64 bits) cannot be
 * narrowed by exact-match bands, so every event in the window is compared; at a few thousand
 * open events that is tens of microseconds.
 */
export function createFingerprintWindow() {
  const events = new Map<string, Entry>();
  const byOrg = new Map<string, Set<string>>();

  function forget(id: string): void {
    const entry = events.get(id);
    if (!entry) return;
    for (const org of entry.orgs) {
      const ids = byOrg.get(org);
      ids?.delete(id);
      if (ids?.size === 0) byOrg.delete(org);
    }
    events.delete(id);
  }

  return {
    put(id: string, event: IndexedEvent): void {
      forget(id);
      events.set(id, { ...event, halves: halvesOf(event.fingerprints) });
      for (const org of event.orgs) {
        const ids = byOrg.get(org) ?? new Set<string>();
        ids.add(id);
        byOrg.set(org, ids);
      }
    },
    delete: forget,
    clear(): void {
      events.clear();
      byOrg.clear();
    },
    get size(): number {
      return events.size;
    },
    /**
     * The event seen since `since` with a fingerprint closest to `fingerprint`, within
     * `maxDistance`, in the same town or where either town is unknown: one complaint template
     * posted from two townships tells of two incidents.
     */
    nearest(
      fingerprint: Fingerprint,
      maxDistance: number,
      since: number,
      town: string | null = null,
    ): string | null {
      const high = Number.parseInt(fingerprint.slice(0, 8), 16);
      const low = Number.parseInt(fingerprint.slice(8, 16), 16);
      let best: string | null = null;
      let bestDistance = Number.POSITIVE_INFINITY;
      let bestSeen = -Infinity;
      for (const [id, entry] of events) {
        if (entry.lastSeen < since) continue;
        if (town && entry.town && entry.town !== town) continue;
        const { halves } = entry;
        for (let i = 0; i < halves.length; i += 2) {
          const distance =
            popcount32(((halves[i] as number) ^ high) >>> 0) +
            popcount32(((halves[i + 1] as number) ^ low) >>> 0);
          // Ties go to the event seen most recently.
          if (distance > maxDistance) continue;
          if (distance < bestDistance || (distance === bestDistance && entry.lastSeen > bestSeen)) {
            best = id;
            bestDistance = distance;
            bestSeen = entry.lastSeen;
          }
        }
      }
      return best;
    },
    /**
     * The most recently seen event since `since` naming one of `orgs` (tried in order) in the same
     * town, or where either town is unknown.
     */
    sameOrganisation(orgs: readonly string[], town: string | null, since: number): string | null {
      for (const org of orgs) {
        let best: string | null = null;
        let bestSeen = -Infinity;
        for (const id of byOrg.get(org) ?? []) {
          const entry = events.get(id) as Entry;
          if (entry.lastSeen < since || entry.lastSeen <= bestSeen) continue;
          if (town && entry.town && entry.town !== town) continue;
          best = id;
          bestSeen = entry.lastSeen;
        }
        if (best) return best;
      }
      return null;
    },
    /** Up to `limit` events last seen at or before `before`. */
    staleIds(before: number, limit: number): string[] {
      const stale: string[] = [];
      for (const [id, entry] of events) {
        if (stale.length >= limit) break;
        if (entry.lastSeen <= before) stale.push(id);
      }
      return stale;
    },
  };
}

export type FingerprintWindow = ReturnType<typeof createFingerprintWindow>;

function halvesOf(fingerprints: readonly Fingerprint[]): Uint32Array {
  const halves = new Uint32Array(fingerprints.length * 2);
  fingerprints.forEach((fingerprint, i) => {
    halves[2 * i] = Number.parseInt(fingerprint.slice(0, 8), 16);
    halves[2 * i + 1] = Number.parseInt(fingerprint.slice(8, 16), 16);
  });
  return halves;
}
