/**
 * 64-bit SimHash over words, as two 32-bit halves (no BigInt on the hot path), written as 16 hex
 * digits. Near-duplicate texts — a repost with a comment added, the same story on two sites —
 * land a few bits apart; unrelated texts land about 32 bits apart.
 */
export type Fingerprint = string;

/** Words too common to say what a text is about; punctuation and single digits go too. */
const SKIP = new Set([
  '的',
  '了',
  '是',
  '在',
  '和',
  '也',
  '就',
  '都',
  '有',
  '我',
  '你',
  '他',
  '她',
  '我们',
  '这',
  '那',
  '吗',
  '呢',
  '啊',
  '吧',
]);

export function simhash(words: readonly string[]): Fingerprint {
  const weights = new Map<string, number>();
  for (const raw of words) {
    const word = raw.trim();
    // Single characters and digits carry little of what a story is about; longer words more.
    if (word.length < 2 || SKIP.has(word) || /^[\p{P}\p{S}\s\d]+$/u.test(word)) continue;
    weights.set(word, (weights.get(word) ?? 0) + Math.min(word.length, 4));
  }
  const sums = new Float64Array(64);
  for (const [word, weight] of weights) {
    const high = fnv1a32(word, 0x811c9dc5);
    const low = fnv1a32(word, 0x9747b28c);
    for (let bit = 0; bit < 32; bit++) {
      sums[bit] = (sums[bit] as number) + ((high >>> bit) & 1 ? weight : -weight);
      sums[bit + 32] = (sums[bit + 32] as number) + ((low >>> bit) & 1 ? weight : -weight);
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if ((sums[bit] as number) > 0) high |= 1 << bit;
    if ((sums[bit + 32] as number) > 0) low |= 1 << bit;
  }
  return hex32(high) + hex32(low);
}

/** Bits that differ between two fingerprints (0–64). */
export function hammingDistance(a: Fingerprint, b: Fingerprint): number {
  return (
    popcount32(Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16)) +
    popcount32(Number.parseInt(a.slice(8, 16), 16) ^ Number.parseInt(b.slice(8, 16), 16))
  );
}

function fnv1a32(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Final avalanche so short words spread over all bits.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** Set bits in a 32-bit value. */
export function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
