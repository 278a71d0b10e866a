import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyApiToken } from '../auth/api-tokens.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import type { GenerateDeps } from '../reports/generate-report.ts';
import { generateReport } from '../reports/generate-report.ts';
import { sendApiError } from './api-error.ts';
import { bearerToken, requireUser } from './auth-routes.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const querySchema = z
  .strictObject({
    from: day.optional(),
    to: day.optional(),
    format: z.enum(['html', 'xlsx', 'md']).default('html'),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined) && (!q.from || !q.to || q.from <= q.to), {
    message: 'from 与 to 须同时给出，且 from 不晚于 to',
  });

const TYPES = {
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
} as const;

/**
 * `GET /api/reports/weekly|monthly?from=&to=&format=`: the dispatch or bulletin as a download,
 * made from the same code as the CLI and the scheduled runs, so the numbers are the same.
 */
export function registerReportRoutes(app: FastifyInstance, deps: GenerateDeps): void {
  app.get<{ Params: { kind: string }; Querystring: Record<string, string> }>(
    '/api/reports/:kind',
    async (request, reply) => {
      const token = bearerToken(request) ?? '';
      const machine = token ? await verifyApiToken(deps.store, token, 'reports') : null;
      // From the console: the people the reports are for (a GET changes nothing, so no CSRF token).
      const person =
        !token && request.session ? requireUser(request, reply, ['admin', 'hr', 'monitor', 'police']) : null;
      if (!token && request.session && !person) return reply;
      const caller = machine ?? (person ? { name: person.name } : null);
      if (!caller)
        return sendApiError(reply, 401, { code: 'unauthorized', message: '请先登录或提供接口令牌' });
      const kind = request.params.kind;
      if (kind !== 'weekly' && kind !== 'monthly')
        return sendApiError(reply, 404, { code: 'not_found', message: '报告种类须为 weekly 或 monthly' });
      const query = querySchema.safeParse(request.query, ZH_ERRORS);
      if (!query.success)
        return sendApiError(reply, 400, {
          code: 'invalid_query',
          message: '查询参数有误',
          details: query.error.issues,
        });
      const { from, to, format } = query.data;
      const report = await generateReport(deps, {
        kind,
        ...(from && to ? { period: { from, to } } : {}),
        formats: [format],
      });
      const [file] = report.files;
      if (!file) return sendApiError(reply, 500, { code: 'no_output', message: '报告未生成' });
      await deps.store.appendAudit({
        at: toShanghaiIso(new Date()),
        actor: caller.name,
        action: 'report.download',
        target_kind: 'report',
        target_id: `${kind}:${report.data.period.from}`,
        reason: format,
      });
      return reply
        .type(TYPES[format])
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.content);
    },
  );
}
