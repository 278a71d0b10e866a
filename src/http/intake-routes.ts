import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyApiToken } from '../auth/api-tokens.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import { intakeItemSchema } from '../leads/intake-item.ts';
import type { IntakeOutcome, LeadIntake } from '../leads/lead-intake.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { bearerToken } from './auth-routes.ts';

export interface IntakeSource {
  name: string;
  /** The key pushes are signed with (X-Wagewatch-Signature over timestamp.body). */
  hmacSecret: string | null;
  /** The source is configured to sign: without its key (unset variable) every push is refused. */
  signatureRequired: boolean;
}

export interface IntakeRouteDeps {
  store: Store;
  intake: LeadIntake;
  sources: ReadonlyMap<string, IntakeSource>;
  now?: () => Date;
}

/** Most items in one push; a platform with more sends several batches. */
export const MAX_BATCH = 500;
/** How far a signed push's timestamp may be from our clock, against replays. */
const SIGNATURE_SKEW_MS = 5 * 60_000;

const batchSchema = z.strictObject({ items: z.array(z.unknown()).min(1).max(MAX_BATCH) });

/**
 * `POST /api/intake/leads`: the platforms (national lead platform, 12345, 信访) push batches of
 * leads with their per-source token. Each item is checked on its own: good items are taken in,
 * bad ones come back with their index and reason, and a repeated push changes nothing.
 */
export function registerIntakeRoutes(app: FastifyInstance, deps: IntakeRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  app.register(async (scope) => {
    // The signature covers the body as sent, so it is kept as bytes and parsed here.
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/api/intake/leads', async (request, reply) => {
      const token = bearerToken(request);
      const caller = token ? await verifyApiToken(deps.store, token, 'intake') : null;
      if (!caller?.source)
        return sendApiError(reply, 401, { code: 'unauthorized', message: '缺少或无效的接口令牌' });
      const source = deps.sources.get(caller.source);
      if (!source)
        return sendApiError(reply, 403, {
          code: 'forbidden',
          message: `来源 ${caller.source} 未在配置中登记`,
        });
      const raw = request.body as Buffer;
      if (
        source.signatureRequired &&
        !(source.hmacSecret && signatureValid(source.hmacSecret, request, raw, now()))
      )
        return sendApiError(reply, 401, { code: 'bad_signature', message: '签名无效或已过期' });
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendApiError(reply, 400, { code: 'invalid_json', message: '请求体不是合法的 JSON' });
      }
      const batch = batchSchema.safeParse(json);
      if (!batch.success)
        return sendApiError(reply, 400, {
          code: 'invalid_batch',
          message: `请求体须为 {"items": [...]}，每批 1 至 ${MAX_BATCH} 条`,
          details: batch.error.issues,
        });
      const accepted: ({ index: number; external_id: string } & IntakeOutcome)[] = [];
      const rejected: { index: number; external_id: string | null; reason: string; details: unknown }[] = [];
      for (const [index, raw] of batch.data.items.entries()) {
        const item = intakeItemSchema.safeParse(raw, ZH_ERRORS);
        if (!item.success) {
          rejected.push({
            index,
            external_id: externalIdOf(raw),
            reason: item.error.issues.map((i) => `${i.path.join('.') || '(条目)'}：${i.message}`).join('；'),
            details: item.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          });
          continue;
        }
        const outcome = await deps.intake.intake(
          caller.source,
          { item: item.data },
          `${caller.name}（接口）`,
        );
        accepted.push({ index, external_id: item.data.external_id, ...outcome });
      }
      return reply
        .code(rejected.length > 0 && accepted.length === 0 ? 422 : 200)
        .send({ accepted, rejected });
    });
  });
}

function signatureValid(secret: string, request: FastifyRequest, body: Buffer, now: Date): boolean {
  const timestamp = String(request.headers['x-wagewatch-timestamp'] ?? '');
  const given = String(request.headers['x-wagewatch-signature'] ?? '');
  const at = Number(timestamp) * 1000;
  if (!Number.isFinite(at) || Math.abs(now.getTime() - at) > SIGNATURE_SKEW_MS) return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

function externalIdOf(raw: unknown): string | null {
  const id = (raw as { external_id?: unknown } | null)?.external_id;
  return typeof id === 'string' ? id : null;
}
