import type { FastifyInstance } from 'fastify';
import { PermanentError } from '../errors.ts';

/** Project error codes to HTTP statuses; anything else a route throws is a 500. */
const STATUS: Record<string, number> = {
  forbidden: 403,
  not_found: 404,
  unknown_event: 404,
  unknown_case: 404,
  unknown_subject: 404,
  invalid_state: 409,
  conflict: 409,
  invalid_action: 400,
};

/**
 * One error shape for the whole API: `{code, message, details?}`. A 4xx passes its (Chinese)
 * message on; a 5xx says only that something went wrong, and the detail goes to the log.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof PermanentError) {
      return reply.code(STATUS[error.code] ?? 400).send({ code: error.code, message: error.message });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429)
      return reply
        .code(429)
        .send({ code: 'too_many_requests', message: (error as Error).message || '请求过于频繁，请稍后再试' });
    if (status && status >= 400 && status < 500) {
      const code = (error as { code?: string }).code ?? 'bad_request';
      const message =
        code === 'FST_CSRF_INVALID_TOKEN' || code === 'FST_CSRF_MISSING_SECRET'
          ? 'CSRF 校验失败，请刷新页面后重试'
          : status === 413
            ? '请求体过大'
            : '请求有误';
      return reply.code(status).send({
        code: code === 'FST_CSRF_INVALID_TOKEN' || code === 'FST_CSRF_MISSING_SECRET' ? 'csrf' : code,
        message,
        details: (error as Error).message,
      });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ code: 'internal', message: '服务器内部错误，请稍后重试' });
  });
}
