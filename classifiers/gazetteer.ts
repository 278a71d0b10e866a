import { z } from 'zod';
import { charTable, inTable } from './char-table.ts';
import { normalizeText } from './normalize.ts';

/** `config/gazetteer.yaml`: the county's townships (属地) and the other names people use for them. */
export const gazetteerSchema = z.strictObject({
  county: z.string().min(2),
  towns: z
    .array(
      z.strictObject({
        name: z.string().min(2),
        aliases: z.array(z.string().min(2)).default([]),
      }),
    )
    .min(1),
});

export type Gazetteer = z.infer<typeof gazetteerSchema>;

/** Finds the township a text names, by full name or alias, earliest mention first. */
export type TownFinder = (normalizedText: string) => string | null;

export function createTownFinder(gazetteer: Gazetteer): TownFinder {
  // Longest names first, so 河口镇 wins over an alias 河口 at the same place.
  const names = gazetteer.towns
    .flatMap((town) =>
      [town.name, ...town.aliases].map((name) => ({ name: normalizeText(name), town: town.name })),
    )
    .filter(({ name }) => name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const firstChars = charTable(names.map(({ name }) => name[0]).join(''));
  // One pass over the text, trying names only where one can start: a search per name (dozens
  // of them) read every post dozens of times.
  return (text) => {
    for (let at = 0; at < text.length; at++) {
      if (!inTable(firstChars, text, at)) continue;
      for (const { name, town } of names) if (text.startsWith(name, at)) return town;
    }
    return null;
  };
}

/** Every name the segmenter should keep whole. */
export function gazetteerWords(gazetteer: Gazetteer): string[] {
  return [gazetteer.county, ...gazetteer.towns.flatMap((town) => [town.name, ...town.aliases])];
}
