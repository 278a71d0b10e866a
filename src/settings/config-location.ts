import { fileURLToPath } from 'node:url';
import type { Environment } from './interpolate.ts';

/** The `config/` folder shipped with the project. */
export const BUNDLED_CONFIG_DIR = fileURLToPath(new URL('../../config/', import.meta.url));

/** `WAGEWATCH_CONFIG_DIR` when set, else the bundled config. */
export function configDirFrom(env: Environment): string {
  return env.WAGEWATCH_CONFIG_DIR || BUNDLED_CONFIG_DIR;
}
