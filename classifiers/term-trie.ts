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
  // The root's children sit in a table, since most characters of a text start no term and are
  // answered by one array read. Deeper edges go in a hash table of typed arrays: a Map lookup
  // costs several times more, and the matcher makes hundreds per post.
  const rootNext = new Int32Array(CODE_UNITS);
  const edges = new Map<number, number>();
  const ends: number[] = [-1, -1];
  terms.forEach((term, index) => {
    let node = ROOT;
    for (let i = 0; i < term.length; i++) {
      const code = term.charCodeAt(i);
      const key = node * CODE_UNITS + code;
      let child = node === ROOT ? (rootNext[code] as number) : (edges.get(key) ?? 0);
      if (child === 0) {
        child = ends.length;
        if (child > MAX_NODES) throw new Error(`the rule terms need more than ${MAX_NODES} trie nodes`);
        ends.push(-1);
        if (node === ROOT) rootNext[code] = child;
        else edges.set(key, child);
      }
      node = child;
    }
    ends[node] = index;
  });
  const table = createEdgeTable(edges);
  return {
    root: ROOT,
    step: (node, code) => (node === ROOT ? (rootNext[code] as number) : table.get(node * CODE_UNITS + code)),
    termAt: Int32Array.from(ends),
    terms,
  };
}

/** Open addressing with linear probing; key 0 never occurs (node 0 has no edges), so it marks a free slot. */
function createEdgeTable(edges: ReadonlyMap<number, number>): { get(key: number): number } {
  let bits = 4;
  while (1 << bits < edges.size * 2) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  const keys = new Int32Array(1 << bits);
  const values = new Int32Array(1 << bits);
  const slotOf = (key: number) => Math.imul(key, 0x9e3779b1) >>> shift;
  for (const [key, value] of edges) {
    let slot = slotOf(key);
    while (keys[slot] !== 0) slot = (slot + 1) & mask;
    keys[slot] = key;
    values[slot] = value;
  }
  return {
    get(key) {
      for (let slot = slotOf(key); ; slot = (slot + 1) & mask) {
        const found = keys[slot] as number;
        if (found === key) return values[slot] as number;
        if (found === 0) return 0;
      }
    },
  };
}
