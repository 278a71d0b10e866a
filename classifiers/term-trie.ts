import { type CharTable, charTable, hasCode } from './char-table.ts';

/**
 * A trie over UTF-16 code units, flat for speed: the classifier steps through it once per
 * character of every post. A walk holds a state: the node reached, with the index of the term
 * that ends there packed beside it, so that finding a term costs no second read from memory
 * that segmentation has just evicted from the cache. State 0 means "no such node".
 */
export interface TermTrie {
  /** The state after the root along `code` (the first character of a term), or 0. */
  start(code: number): number;
  /** The state after `state` along `code`, or 0. */
  step(state: number, code: number): number;
  readonly terms: readonly string[];
}

/** The index in `terms` of the term ending at a state's node, or -1. */
export function termOf(state: number): number {
  return (state >>> NODE_BITS) - 1;
}

const NODE_BITS = 15;
const NODE_MASK = (1 << NODE_BITS) - 1;
const ROOT = 1;
const CODE_UNITS = 0x10000;
/** Edge keys are `node * CODE_UNITS + code` and must fit an int32. */
const MAX_NODES = NODE_MASK;
/** A state packs the term index plus one above the node's 15 bits, within 31 bits. */
const MAX_TERMS = 0xffff;

export function createTermTrie(terms: readonly string[]): TermTrie {
  if (terms.length > MAX_TERMS)
    throw new Error(`the rules hold ${terms.length} terms; at most ${MAX_TERMS} fit`);
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
  // The root's edges get a small table of their own: every character of a post probes it, and
  // at a few KB it stays in the cache that segmentation leaves.
  const rootEdges = new Map<number, number>();
  const deeperEdges = new Map<number, number>();
  for (const [key, child] of edges) {
    const state = child | (((ends[child] as number) + 1) << NODE_BITS);
    if (key >= ROOT * CODE_UNITS && key < (ROOT + 1) * CODE_UNITS) rootEdges.set(key, state);
    else deeperEdges.set(key, state);
  }
  const rootTable = createEdgeTable(rootEdges);
  const table = createEdgeTable(deeperEdges);
  return {
    start: (code) => (hasCode(starts, code) ? rootTable.get(ROOT * CODE_UNITS + code) : 0),
    step: (state, code) => table.get((state & NODE_MASK) * CODE_UNITS + code),
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
