import { readdirSync, readFileSync } from 'node:fs';
import { normalizeText } from '../../classifiers/normalize.ts';

/**
 * Random texts over a small alphabet, from a fixed seed, so that matches, near misses and
 * overlaps all occur and a failure repeats. Lengths run from `minLength` to `maxLength`.
 */
export function randomTexts(
  alphabet: string,
  count: number,
  {
    seed = 11,
    minLength = 0,
    maxLength = 29,
  }: { seed?: number; minLength?: number; maxLength?: number } = {},
): string[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () => {
    let text = '';
    const length = minLength + Math.floor(random() * (maxLength - minLength + 1));
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
    return text;
  });
}

/** The text of every line of every labelled set, normalized as the classifier reads it. */
export function labelledTexts(): string[] {
  const dir = new URL('../fixtures/classifier/', import.meta.url);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(new URL(file, dir), 'utf8').split('\n').filter(Boolean))
    .map((line) => normalizeText(JSON.parse(line).text));
}
