import { join } from 'node:path';
import type { Environment } from './interpolate.ts';
import { projectRoot } from './project-root.ts';

/** The `config/` folder shipped with the project. */
export const BUNDLED_CONFIG_DIR = `${join(projectRoot(), 'config')}/`;

/** `WAGEWATCH_CONFIG_DIR` when set, else the bundled config. */
export function configDirFrom(env: Environment): string {
  return env.WAGEWATCH_CONFIG_DIR || BUNDLED_CONFIG_DIR;
}
