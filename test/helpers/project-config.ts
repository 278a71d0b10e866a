import { BUNDLED_CONFIG_DIR } from '../../src/settings/config-location.ts';
import { type AppConfig, loadConfig } from '../../src/settings/load-config.ts';

/** The project's own config files, as a process would load them with this environment. */
export function loadProjectConfig(env: Record<string, string> = {}): Promise<AppConfig> {
  return loadConfig({ configDir: BUNDLED_CONFIG_DIR, env, cwd: process.cwd() });
}
