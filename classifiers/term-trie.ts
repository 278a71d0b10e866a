import { type CharTable, charTable, hasCode } from './char-table.ts';

/**
 * A trie over UTF-16 code units, flat for speed: the classifier steps through it once per
 * character of every post. Node 0 means "no such node"; node 1 is the root.
 */
export interface TermTrie {
  readonly root: number;
  /** The child of `node` along `code`, or 0. */
  step(node: number, code: number): number;
  /** Per node, the index in `terms` of the term ending there, or -1. */
  readonly termAt: Int32Array;
  readonly terms: readonly string[];
}

const ROOT = 1;
const CODE_UNITS = 0x10000;
/** Edge keys are `node * CODE_UNITS + code` and must fit an int32. */
const MAX_NODES = 0x7fff;

export function createTermTrie(terms: readonly string[]): TermTrie {
  const edges = new Map<number, number>();
  const ends: number[] = [-1, -1];
  terms.forEach((term, index) => {
    let node = ROOT;
    for (let i = 0; i < term.length; i++) {
      const key = node * CODE_UNITS + term.charCodeAt(i);
      let child = edges.get(key) ?? 0;
      if (child === 0) {
        child = ends.length;
        if (child > MAX_NODES) throw new Error(`the rule terms need more than ${MAX_NODES} trie nodes`);
        ends.push(-1);
        edges.set(key, child);
      }
      node = child;
    }
    ends[node] = index;
  });
  // Most characters of a text start no term: a small bit set answers them without a probe.
  const starts: CharTable = charTable(terms.map((term) => term[0]).join(''));
  const table = createEdgeTable(edges);
  return {
    root: ROOT,
    step: (node, code) => (node === ROOT && !hasCode(starts, code) ? 0 : table.get(node * CODE_UNITS + code)),
    termAt: Int32Array.from(ends),
    terms,
  };
}

/**
 * Open addressing with linear probing, each key beside its value so that a probe reads one
 * cache line: the matcher runs right after segmentation has evicted most of the cache. Key 0
 * never occurs (node 0 has no edges), so it marks a free slot.
 */
function createEdgeTable(edges: ReadonlyMap<number, number>): { get(key: number): number } {
  let bits = 4;
  while (1 << bits < edges.size * 1.5) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  const slots = new Int32Array(2 << bits);
  const slotOf = (key: number) => Math.imul(key, 0x9e3779b1) >>> shift;
  for (const [key, value] of edges) {
    let slot = slotOf(key);
    while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
    slots[slot * 2] = key;
    slots[slot * 2 + 1] = value;
  }
  return {
    get(key) {
      for (let slot = slotOf(key); ; slot = (slot + 1) & mask) {
        const found = slots[slot * 2] as number;
        if (found === key) return slots[slot * 2 + 1] as number;
        if (found === 0) return 0;
      }
    },
  };
}
