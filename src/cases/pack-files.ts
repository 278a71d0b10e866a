import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';

const SUM_LINE = /^([0-9a-f]{64}) [ *](.+)$/;

/** `sha256sum`-compatible lines (`<hex>  <path>`), sorted by path, so `sha256sum -c` checks the pack. */
export function formatSha256Sums(entries: readonly (readonly [path: string, sha256: string])[]): string {
  return [...entries]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, hash]) => `${hash}  ${path}\n`)
    .join('');
}

/**
 * Checks an evidence pack on its own, recomputing every hash: each file against SHA256SUMS, each
 * captured page against the SHA-256 the manifest recorded when it was fetched, and that no file
 * is missing or unlisted. Each problem names its file.
 */
export async function verifyEvidencePack(dir: string): Promise<{ ok: boolean; problems: string[] }> {
  const problems: string[] = [];
  const sums = await readFile(join(dir, SUMS_FILE), 'utf8').catch(() => null);
  if (sums === null) return { ok: false, problems: [`${SUMS_FILE}：文件缺失`] };
  const hashes = new Map<string, string | null>();
  const hashOf = async (path: string): Promise<string | null> => {
    if (!hashes.has(path)) {
      // Only regular files count: a symlink could point at a file outside the pack.
      const regular = await lstat(join(dir, path)).then(
        (s) => s.isFile(),
        () => false,
      );
      const bytes = regular ? await readFile(join(dir, path)).catch(() => null) : null;
      hashes.set(path, bytes && createHash('sha256').update(bytes).digest('hex'));
    }
    return hashes.get(path) ?? null;
  };

  const listed = new Set<string>();
  for (const [index, line] of sums.split('\n').entries()) {
    if (line === '') continue;
    const match = SUM_LINE.exec(line);
    const path = match?.[2];
    if (!match || !path || !isInside(path)) {
      problems.push(`${SUMS_FILE}：第 ${index + 1} 行无法识别`);
      continue;
    }
    listed.add(path);
    const actual = await hashOf(path);
    if (actual === null) problems.push(`${path}：文件缺失`);
    else if (actual !== match[1]) problems.push(`${path}：SHA-256 与 ${SUMS_FILE} 不符`);
  }
  for (const path of await filesIn(dir, '', problems)) {
    if (path !== SUMS_FILE && !listed.has(path)) problems.push(`${path}：未列入 ${SUMS_FILE}`);
  }
  if (!listed.has(MANIFEST_FILE)) problems.push(`${MANIFEST_FILE}：未列入 ${SUMS_FILE}`);

  for (const capture of await capturesIn(dir, problems)) {
    if (!isInside(capture.file)) {
      problems.push(`${MANIFEST_FILE}：页面路径越出证据包：${capture.file}`);
      continue;
    }
    const actual = await hashOf(capture.file);
    if (actual === null) problems.push(`${capture.file}：文件缺失`);
    else if (actual !== capture.sha256) problems.push(`${capture.file}：SHA-256 与抓取时记录的不符`);
  }
  const unique = [...new Set(problems)];
  return { ok: unique.length === 0, problems: unique };
}

/** A relative path that stays inside the pack (no `..`, not absolute). */
function isInside(path: string): boolean {
  return typeof path === 'string' && !path.startsWith('/') && !path.split(/[/\\]/).includes('..');
}

/** The captures the manifest lists, or none (with a problem) when it cannot be read. */
async function capturesIn(dir: string, problems: string[]): Promise<{ file: string; sha256: string }[]> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as {
      posts?: { captures?: { file: string; sha256: string }[] }[];
    };
    return (manifest.posts ?? []).flatMap((post) => post.captures ?? []);
  } catch {
    problems.push(`${MANIFEST_FILE}：无法读取`);
    return [];
  }
}

/** Every file under `dir`, as `/`-separated paths relative to it. */
async function filesIn(dir: string, prefix = '', problems?: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await filesIn(dir, path, problems)));
    else if (entry.isFile()) found.push(path);
    else problems?.push(`${path}：不是普通文件（链接或设备），证据包中不应出现`);
  }
  return found;
}
