import { z } from 'zod';
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
    .sort((a, b) => b.name.length - a.name.length);
  return (text) => {
    let best: { at: number; town: string } | null = null;
    for (const { name, town } of names) {
      const at = text.indexOf(name);
      if (at >= 0 && (best === null || at < best.at)) best = { at, town };
    }
    return best?.town ?? null;
  };
}

/** Every name the segmenter should keep whole. */
export function gazetteerWords(gazetteer: Gazetteer): string[] {
  return [gazetteer.county, ...gazetteer.towns.flatMap((town) => [town.name, ...town.aliases])];
}
