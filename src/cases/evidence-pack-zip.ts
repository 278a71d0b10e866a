import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import type { Actor } from '../domain/roles.ts';
import type { Store } from '../store/store.ts';
import { exportEvidencePack } from './evidence-pack.ts';

/**
 * The evidence pack as one zip for a browser download: exported (and audited) exactly as
 * `wagewatch cases export` does, then every file of the folder zipped byte for byte, so that
 * `sha256sum -c SHA256SUMS` still holds after unzipping. The temporary folder is removed.
 */
export async function evidencePackZip(
  store: Store,
  caseId: string,
  actor: Actor,
  reason: string,
  now: Date,
): Promise<{ name: string; content: Buffer }> {
  const scratch = await mkdtemp(join(tmpdir(), 'wagewatch-pack-'));
  try {
    const pack = await exportEvidencePack(store, caseId, scratch, actor, { reason }, now);
    const zip = new JSZip();
    for (const file of await filesUnder(pack.dir)) zip.file(relative(pack.dir, file), await readFile(file));
    const folder = relative(scratch, pack.dir);
    return {
      name: `${folder}.zip`,
      content: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}
