import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLED_CONFIG_DIR } from '../../src/settings/config-location.ts';

/** A writable copy of the project's config in `dir`, for tests that break one file on purpose. */
export async function copyProjectConfig(dir: string): Promise<string> {
  const target = join(dir, 'config');
  await cp(BUNDLED_CONFIG_DIR, target, { recursive: true });
  return target;
}

/**
 * Replaces one exact piece of text in a config file; fails loudly if it is not there.
 * Returns the 1-based line where the replaced text starts, so tests need not hard-code layout.
 */
export async function editConfigFile(
  configDir: string,
  file: string,
  from: string,
  to: string,
): Promise<number> {
  const path = join(configDir, file);
  const text = await readFile(path, 'utf8');
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  await writeFile(path, text.replace(from, to));
  return text.slice(0, at).split('\n').length;
}
