import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../settings/project-root.ts';

const CONSOLE_ROOT = `${join(projectRoot(), 'src', 'http', 'console')}/`;
const ECHARTS_FILE = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');

/**
 * The console loads nothing from elsewhere: scripts, styles and the API are all this origin's,
 * and no other site may frame it.
 */
const SECURITY_HEADERS = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    // ECharts writes inline styles into its tooltips.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The web console: the static pages under `console/` at `/` and `/console/…`, and the bundled
 * ECharts at `/console/vendor/echarts.min.js`. Everything is revalidated on every load (no build
 * step means no hashed names), so a deployment shows up at the next refresh.
 */
export function registerConsoleRoutes(app: FastifyInstance): void {
  app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.headers(SECURITY_HEADERS);
    });
    await scope.register(fastifyStatic, {
      root: CONSOLE_ROOT,
      prefix: '/console/',
      cacheControl: false,
      dotfiles: 'ignore',
      setHeaders: (reply) => reply.header('cache-control', 'no-cache'),
    });
    scope.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
    scope.get('/console/vendor/echarts.min.js', { schema: { hide: true } }, (_request, reply) =>
      reply.sendFile(basename(ECHARTS_FILE), dirname(ECHARTS_FILE)),
    );
  });
}
