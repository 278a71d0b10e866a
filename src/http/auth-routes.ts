import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyLogin } from '../auth/accounts.ts';
import type { Actor, Role } from '../domain/roles.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import type { Session, Sessions } from './sessions.ts';

export const SESSION_COOKIE = 'ww_session';
/** Sign-in attempts one address may make in a minute. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 20;

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, resolved from the session cookie; null when nobody is. */
    session: (Session & { id: string }) | null;
  }
}

export interface AuthDeps {
  store: Store;
  sessions: Sessions;
  secureCookies: boolean;
  now?: () => Date;
}

const loginSchema = z.strictObject({
  username: z.string().min(1).max(40),
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

const REFUSALS: Record<string, { status: number; message: string }> = {
  unknown: { status: 401, message: '用户名或密码错误' },
  bad_password: { status: 401, message: '用户名或密码错误' },
  locked: { status: 423, message: '连续登录失败次数过多，账号已临时锁定，请稍后再试' },
  disabled: { status: 403, message: '账号已停用' },
  totp_required: { status: 401, message: '请输入动态口令' },
  bad_totp: { status: 401, message: '动态口令错误或已使用' },
};

/**
 * Sign-in with server-side sessions: HttpOnly, SameSite=Strict cookies (Secure when served over
 * HTTPS), a new session id at every login, logout that ends it, and CSRF tokens required on every
 * state-changing request made with the cookie.
 */
export async function registerAuth(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const now = deps.now ?? (() => new Date());
  await app.register(cookie);
  // Per address, on sign-in only: accounts lock after 5 failures, and this keeps one address
  // from walking through many accounts.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'too_many_requests',
      message: `登录尝试过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
    }),
  });
  await app.register(csrf, {
    cookieKey: 'ww_csrf',
    cookieOpts: { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/', signed: false },
    getToken: (request) => String(request.headers['x-csrf-token'] ?? ''),
  });
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const id = request.cookies[SESSION_COOKIE];
    const session = id ? await deps.sessions.resume(id) : null;
    request.session = session && id ? { ...session, id } : null;
  });

  app.post(
    '/api/login',
    {
      config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } },
      schema: { tags: ['auth'], summary: '登录' },
    },
    async (request, reply) => {
      const body = loginSchema.safeParse(request.body);
      if (!body.success)
        return sendApiError(reply, 400, { code: 'invalid_body', message: '请填写用户名和密码' });
      const result = await verifyLogin(
        deps.store,
        body.data.username,
        body.data.password,
        body.data.totp ?? null,
        now(),
      );
      await deps.store.appendAudit({
        at: toShanghaiIso(now()),
        actor: body.data.username,
        action: result.ok ? 'login' : 'login.failed',
        target_kind: 'account',
        target_id: body.data.username,
        reason: result.ok ? null : result.reason,
      });
      if (!result.ok) {
        const refusal = REFUSALS[result.reason] ?? { status: 401, message: '登录失败' };
        return sendApiError(reply, refusal.status, {
          code: result.reason,
          message: refusal.message,
          ...(result.locked_until ? { details: { locked_until: result.locked_until } } : {}),
        });
      }
      if (request.session) await deps.sessions.end(request.session.id);
      const { account } = result;
      const id = await deps.sessions.start({
        username: account.username,
        display_name: account.display_name,
        role: account.role,
        unit: account.unit,
      });
      reply.setCookie(SESSION_COOKIE, id, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secureCookies,
        path: '/',
      });
      return { user: publicUser(account), csrf: reply.generateCsrf() };
    },
  );

  app.post(
    '/api/logout',
    { onRequest: app.csrfProtection, schema: { tags: ['auth'], summary: '退出' } },
    async (request, reply) => {
      if (request.session) await deps.sessions.end(request.session.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: '当前用户与 CSRF 令牌' } },
    async (request, reply) => {
      if (!request.session) return sendApiError(reply, 401, { code: 'unauthorized', message: '请先登录' });
      return { user: publicUser(request.session), csrf: reply.generateCsrf() };
    },
  );
}

/**
 * The CSRF check for state-changing routes: a request with a browser session must carry the
 * token; one without (a machine with a bearer token, or nobody, who then gets a 401) is let on.
 */
export function csrfForSessions(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) =>
    request.headers.authorization || !request.session ? done() : app.csrfProtection(request, reply, done);
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || null : null;
}

function publicUser(user: { username: string; display_name: string; role: Role; unit: string | null }) {
  return { username: user.username, display_name: user.display_name, role: user.role, unit: user.unit };
}

/** The person behind a request as an Actor, or a 401/403 sent and null returned. */
export function requireUser(
  request: FastifyRequest,
  reply: FastifyReply,
  roles?: readonly Role[],
): (Actor & { display_name: string }) | null {
  const session = request.session;
  if (!session) {
    void sendApiError(reply, 401, { code: 'unauthorized', message: '请先登录' });
    return null;
  }
  if (roles && !roles.includes(session.role)) {
    void sendApiError(reply, 403, { code: 'forbidden', message: '当前角色无权访问' });
    return null;
  }
  // The audit log names the person and the account: 「张伟（zhangwei）」.
  const name = `${session.display_name}（${session.username}）`;
  const actor: Actor =
    session.role === 'unit' ? { name, role: 'unit', unit: session.unit ?? '' } : { name, role: session.role };
  return { ...actor, display_name: session.display_name };
}
