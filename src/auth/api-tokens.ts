import { createHash, randomBytes } from 'node:crypto';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import type { Store } from '../store/store.ts';

/** What a machine token may do. `intake`: push leads as its source; `events`: ack/resolve; `reports`: download. */
export const TOKEN_SCOPES = ['intake', 'events', 'reports'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface ApiToken {
  name: string;
  scopes: TokenScope[];
  /** The intake source a token pushes as; a token cannot push as another source. */
  source: string | null;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

const KIND = 'api-token';

/** Only the SHA-256 of a token is kept: a copy of the store lets nobody push leads. */
function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Makes a token and returns it in clear, once; the store keeps its hash. */
export async function createApiToken(
  store: Store,
  spec: { name: string; scopes: TokenScope[]; source: string | null; createdBy: string },
  now: Date = new Date(),
): Promise<{ token: string; id: string }> {
  const token = `ww_${randomBytes(32).toString('base64url')}`;
  const id = tokenId(token);
  const record: ApiToken = {
    name: spec.name,
    scopes: spec.scopes,
    source: spec.source,
    created_by: spec.createdBy,
    created_at: toShanghaiIso(now),
    revoked_at: null,
  };
  await store.putRecord<ApiToken>(KIND, id, record, null);
  await store.appendAudit({
    at: record.created_at,
    actor: spec.createdBy,
    action: 'token.create',
    target_kind: KIND,
    target_id: id.slice(0, 12),
    after: { name: spec.name, scopes: spec.scopes, source: spec.source },
  });
  return { token, id };
}

/** The token's record when it is known, not revoked and allowed `scope`; otherwise null. */
export async function verifyApiToken(
  store: Store,
  token: string,
  scope: TokenScope,
): Promise<ApiToken | null> {
  if (!token.startsWith('ww_') || token.length > 200) return null;
  const record = await store.getRecord<ApiToken>(KIND, tokenId(token));
  if (!record || record.data.revoked_at || !record.data.scopes.includes(scope)) return null;
  return record.data;
}

export async function listApiTokens(store: Store): Promise<{ id: string; token: ApiToken }[]> {
  const records = await store.listRecords<ApiToken>(KIND, { limit: 10_000 });
  return records.map((r) => ({ id: r.id.slice(0, 12), token: r.data }));
}

/** Revokes by the first characters of the id that `token list` shows. */
export async function revokeApiToken(
  store: Store,
  idPrefix: string,
  by: string,
  now: Date = new Date(),
): Promise<boolean> {
  const records = await store.listRecords<ApiToken>(KIND, { limit: 10_000 });
  const matches = records.filter((r) => r.id.startsWith(idPrefix));
  if (idPrefix.length < 6 || matches.length !== 1) return false;
  const [record] = matches as [(typeof matches)[number]];
  if (record.data.revoked_at) return true;
  const at = toShanghaiIso(now);
  await store.putRecord<ApiToken>(KIND, record.id, { ...record.data, revoked_at: at }, record.version);
  await store.appendAudit({
    at,
    actor: by,
    action: 'token.revoke',
    target_kind: KIND,
    target_id: record.id.slice(0, 12),
  });
  return true;
}
