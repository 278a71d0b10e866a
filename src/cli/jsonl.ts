import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type ZodType, z } from 'zod';

export type JsonlLine<T> = { line: number; ok: true; value: T } | { line: number; ok: false; error: string };

/**
 * Reads a JSON Lines file one line at a time (so a large file never sits in memory), checking
 * each line against a schema. A bad line becomes an error with its line number; the rest go on.
 * Blank lines are skipped.
 */
export async function* readJsonl<T>(path: string, schema: ZodType<T>): AsyncGenerator<JsonlLine<T>> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const raw of lines) {
    line++;
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      yield { line, ok: false, error: `not JSON: ${(error as Error).message}` };
      continue;
    }
    const checked = schema.safeParse(json);
    if (checked.success) yield { line, ok: true, value: checked.data };
    else yield { line, ok: false, error: z.prettifyError(checked.error).replace(/\n/g, '; ') };
  }
}
