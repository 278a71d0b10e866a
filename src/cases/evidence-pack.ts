import { randomUUID } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '../domain/roles.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { PermanentError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { gatherCaseMaterials, sha256 } from './case-materials.ts';
import { formatSha256Sums, MANIFEST_FILE, SUMS_FILE } from './pack-files.ts';
import { assertCaseRole, CASE_KIND, type PoliceCase } from './police-case.ts';

export { verifyEvidencePack } from './pack-files.ts';

export interface EvidencePackResult {
  dir: string;
  /** Every file the pack holds, SHA256SUMS aside, relative to `dir`. */
  files: string[];
  manifest_sha256: string;
}

/**
 * Writes `outDir/<case id>/` for public security: manifest.json (the case, its subject, the
 * related events and leads with their whole history, the posts and their captures), every
 * captured page byte for byte under `pages/<sha256>.<ext>`, and SHA256SUMS. Police or admin only,
 * with a reason, audited; the folder appears complete or not at all, and never over another.
 *
 * Personal data is deliberately NOT masked here: the pack is evidence handed to the police, who
 * need the complainants' names, phones and ID numbers and the pages exactly as captured.
 */
export async function exportEvidencePack(
  store: Store,
  caseId: string,
  outDir: string,
  actor: Actor,
  options: { reason: string },
  now: Date = new Date(),
): Promise<EvidencePackResult> {
  assertCaseRole(actor, '导出证据包');
  const reason = typeof options.reason === 'string' ? options.reason.trim() : '';
  if (reason.length === 0 || reason.length > 2000)
    throw new PermanentError('导出证据包须填写事由（不超过 2000 字）', { code: 'invalid_action' });
  const record = await store.getRecord<PoliceCase>(CASE_KIND, caseId);
  if (!record) throw new PermanentError(`没有该案件：${caseId}`, { code: 'unknown_case' });
  const dir = join(outDir, caseId.replace(/[^A-Za-z0-9._-]+/g, '_'));
  if (await exists(dir)) throw new PermanentError(`证据包目录已存在：${dir}`, { code: 'exists' });

  const at = toShanghaiIso(now);
  const { pages, ...materials } = await gatherCaseMaterials(store, record.data);
  const manifest = {
    format: 'wagewatch-evidence-pack/1',
    notice: '本证据包含未脱敏的个人信息和原始页面，仅供公安机关依法办案使用',
    exported_at: at,
    exported_by: { name: actor.name, role: actor.role },
    reason,
    case: record.data,
    ...materials,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const files = new Map<string, Buffer>([[MANIFEST_FILE, manifestBytes], ...pages]);

  const partial = join(outDir, `.${randomUUID()}.partial`);
  try {
    await mkdir(join(partial, 'pages'), { recursive: true });
    for (const [name, body] of files) await writeFile(join(partial, name), body);
    await writeFile(join(partial, SUMS_FILE), formatSha256Sums([...files].map(([n, b]) => [n, sha256(b)])));
    const result = { dir, files: [...files.keys()].sort(), manifest_sha256: sha256(manifestBytes) };
    // Audited before the folder appears: an export is never on disk without its audit entry.
    await store.appendAudit({
      at,
      actor: actor.name,
      action: 'case.export',
      target_kind: CASE_KIND,
      target_id: caseId,
      reason,
      before: null,
      after: { files: result.files.length, manifest_sha256: result.manifest_sha256 },
    });
    await rename(partial, dir);
    return result;
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
