import { ConfigError, WagewatchError } from '../errors.ts';
import { configDirFrom } from '../settings/config-location.ts';
import type { Environment } from '../settings/interpolate.ts';
import { type AppConfig, loadConfig } from '../settings/load-config.ts';
import { type CliIo, EXIT } from './cli-io.ts';

/** Loads the configuration; on problems prints every one of them and gives the exit code. */
export async function loadConfigForCli(io: CliIo, env: Environment = io.env): Promise<AppConfig | number> {
  try {
    return await loadConfig({ configDir: configDirFrom(env), env, cwd: io.cwd });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`配置有误，未启动（configuration problems）:\n${error.message}\n`);
    return EXIT.config;
  }
}

/** Setup errors (no redis-server, Redis owned by another process) are configuration exits too. */
export function reportStartupError(io: CliIo, error: unknown): number {
  if (
    error instanceof WagewatchError &&
    [
      'redis_missing',
      'redis_in_use',
      'redis_failed',
      'redis_unreachable',
      'redis_not_durable',
      'store_schema_newer',
      'es_unreachable',
      'es_auth',
      'es_wrong_product',
      'es_incompatible',
    ].includes(error.code)
  ) {
    io.stderr.write(`无法启动：${error.message}\n`);
    return EXIT.config;
  }
  throw error;
}
