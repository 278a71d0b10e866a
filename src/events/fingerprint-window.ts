import { type Fingerprint, popcount32 } from './simhash.ts';

/** What matching needs of one event. */
export interface IndexedEvent {
  /** Epoch ms of the event's latest post. */
  lastSeen: number;
  fingerprints: readonly Fingerprint[];
  orgs: readonly string[];
  town: string | null;
}

/** A place for one event: its row in the flat arrays below. */
interface Slot {
  id: string;
  orgs: readonly string[];
  /** Where its fingerprints start in the fingerprint arrays, and how many. */
  first: number;
  count: number;
}

const NO_TOWN = -1;
/** A town no event in the window has. */
const UNKNOWN_TOWN = -2;
const FREE = -1;

/**
 * The events of the matching window in memory: nearest fingerprint by Hamming distance, and
 * events by organisation. A SimHash match at the configured distance (12 of 64 bits) cannot be
 * narrowed by exact-match bands, so every fingerprint in the window is compared, for every post.
 * They sit in flat typed arrays, each with its event's slot, in the order the events were last
 * put: the loop reads memory in order and no object per event, and ties go to the same event as
 * a walk over the events in that order would.
 */
export function createFingerprintWindow() {
  const slotOf = new Map<string, number>();
  const slots: (Slot | undefined)[] = [];
  const freeSlots: number[] = [];
  let lastSeen = new Float64Array(64);
  let townOf = new Int32Array(64);
  const townIds = new Map<string, number>();
  const byOrg = new Map<string, Set<string>>();

  // One row per fingerprint, appended as events are put; a forgotten event's rows are marked
  // FREE and squeezed out once they outnumber the live ones.
  let high = new Uint32Array(256);
  let low = new Uint32Array(256);
  let owner = new Int32Array(256);
  /** 1 for the one row of an event without fingerprints: it keeps the event's place in the order. */
  let blank = new Uint8Array(256);
  let rows = 0;
  let freeRows = 0;

  const townId = (town: string | null): number => {
    if (!town) return NO_TOWN;
    let id = townIds.get(town);
    if (id === undefined) {
      id = townIds.size;
      townIds.set(town, id);
    }
    return id;
  };

  function forget(id: string): void {
    const slotIndex = slotOf.get(id);
    if (slotIndex === undefined) return;
    const slot = slots[slotIndex] as Slot;
    for (const org of slot.orgs) {
      const ids = byOrg.get(org);
      ids?.delete(id);
      if (ids?.size === 0) byOrg.delete(org);
    }
    owner.fill(FREE, slot.first, slot.first + slot.count);
    freeRows += slot.count;
    slots[slotIndex] = undefined;
    freeSlots.push(slotIndex);
    slotOf.delete(id);
    if (freeRows > 1024 && freeRows * 2 > rows) compact();
  }

  function compact(): void {
    let kept = 0;
    for (let row = 0; row < rows; row++) {
      const slotIndex = owner[row] as number;
      if (slotIndex === FREE) continue;
      const slot = slots[slotIndex] as Slot;
      if (slot.first === row) slot.first = kept;
      high[kept] = high[row] as number;
      low[kept] = low[row] as number;
      owner[kept] = slotIndex;
      blank[kept] = blank[row] as number;
      kept++;
    }
    rows = kept;
    freeRows = 0;
  }

  function ensureRows(needed: number): void {
    if (needed <= high.length) return;
    const size = Math.max(needed, high.length * 2);
    high = grown(high, size);
    low = grown(low, size);
    owner = grown(owner, size);
    blank = grown(blank, size);
  }

  function newSlot(): number {
    const reused = freeSlots.pop();
    if (reused !== undefined) return reused;
    const index = slots.length;
    slots.push(undefined);
    if (index >= lastSeen.length) {
      lastSeen = grown(lastSeen, lastSeen.length * 2);
      townOf = grown(townOf, townOf.length * 2);
    }
    return index;
  }

  return {
    put(id: string, event: IndexedEvent): void {
      forget(id);
      const slotIndex = newSlot();
      const count = Math.max(1, event.fingerprints.length);
      ensureRows(rows + count);
      slots[slotIndex] = { id, orgs: event.orgs, first: rows, count };
      slotOf.set(id, slotIndex);
      lastSeen[slotIndex] = event.lastSeen;
      townOf[slotIndex] = townId(event.town);
      if (event.fingerprints.length === 0) {
        owner[rows] = slotIndex;
        blank[rows++] = 1;
      }
      for (const fingerprint of event.fingerprints) {
        high[rows] = Number.parseInt(fingerprint.slice(0, 8), 16);
        low[rows] = Number.parseInt(fingerprint.slice(8, 16), 16);
        owner[rows] = slotIndex;
        blank[rows++] = 0;
      }
      for (const org of event.orgs) {
        const ids = byOrg.get(org) ?? new Set<string>();
        ids.add(id);
        byOrg.set(org, ids);
      }
    },
    delete: forget,
    clear(): void {
      slotOf.clear();
      slots.length = 0;
      freeSlots.length = 0;
      byOrg.clear();
      rows = 0;
      freeRows = 0;
    },
    get size(): number {
      return slotOf.size;
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
      const wantHigh = Number.parseInt(fingerprint.slice(0, 8), 16);
      const wantLow = Number.parseInt(fingerprint.slice(8, 16), 16);
      const wantTown = !town ? NO_TOWN : (townIds.get(town) ?? UNKNOWN_TOWN);
      let best = FREE;
      let bestDistance = Number.POSITIVE_INFINITY;
      let bestSeen = Number.NEGATIVE_INFINITY;
      for (let row = 0; row < rows; row++) {
        const slotIndex = owner[row] as number;
        if (slotIndex === FREE) continue;
        const distance =
          popcount32(((high[row] as number) ^ wantHigh) >>> 0) +
          popcount32(((low[row] as number) ^ wantLow) >>> 0);
        if (distance > maxDistance || blank[row] === 1) continue;
        const seen = lastSeen[slotIndex] as number;
        if (seen < since) continue;
        const eventTown = townOf[slotIndex] as number;
        if (wantTown !== NO_TOWN && eventTown !== NO_TOWN && eventTown !== wantTown) continue;
        // Ties go to the event seen most recently.
        if (distance < bestDistance || (distance === bestDistance && seen > bestSeen)) {
          best = slotIndex;
          bestDistance = distance;
          bestSeen = seen;
        }
      }
      return best === FREE ? null : (slots[best] as Slot).id;
    },
    /**
     * The most recently seen event since `since` naming one of `orgs` (tried in order) in the same
     * town, or where either town is unknown.
     */
    sameOrganisation(orgs: readonly string[], town: string | null, since: number): string | null {
      const wantTown = !town ? NO_TOWN : (townIds.get(town) ?? UNKNOWN_TOWN);
      for (const org of orgs) {
        let best: string | null = null;
        let bestSeen = Number.NEGATIVE_INFINITY;
        for (const id of byOrg.get(org) ?? []) {
          const slotIndex = slotOf.get(id) as number;
          const seen = lastSeen[slotIndex] as number;
          if (seen < since || seen <= bestSeen) continue;
          const eventTown = townOf[slotIndex] as number;
          if (wantTown !== NO_TOWN && eventTown !== NO_TOWN && eventTown !== wantTown) continue;
          best = id;
          bestSeen = seen;
        }
        if (best) return best;
      }
      return null;
    },
    /** Up to `limit` events last seen at or before `before`, in the order they were last put. */
    staleIds(before: number, limit: number): string[] {
      const stale: string[] = [];
      for (let row = 0; row < rows && stale.length < limit; row++) {
        const slotIndex = owner[row] as number;
        if (slotIndex === FREE) continue;
        const slot = slots[slotIndex] as Slot;
        if (slot.first === row && (lastSeen[slotIndex] as number) <= before) stale.push(slot.id);
      }
      return stale;
    },
  };
}

export type FingerprintWindow = ReturnType<typeof createFingerprintWindow>;

function grown<T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}
