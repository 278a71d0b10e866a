import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { PermanentError } from '../../src/errors.ts';

/** Undoes Content-Encoding with node:zlib; the size cap then applies to what comes out. */
export function decoded(body: Readable, encoding: string | null): Readable {
  const name = encoding?.trim().toLowerCase();
  const decoder =
    name === 'gzip' || name === 'x-gzip'
      ? createGunzip()
      : name === 'deflate'
        ? createInflate()
        : name === 'br'
          ? createBrotliDecompress()
          : null;
  if (!decoder) return body;
  body.on('error', (error) => decoder.destroy(error));
  return body.pipe(decoder);
}

/**
 * Reads a body up to `maxBytes` of decoded content and stops there: a 100 MB page or a gzip
 * bomb costs at most the cap, never the machine's memory.
 */
export async function readCapped(body: Readable, maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      body.destroy();
      throw new PermanentError(`${url}: body exceeds ${Math.round(maxBytes / 1024 / 1024)} MB`, {
        code: 'too_large',
      });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
