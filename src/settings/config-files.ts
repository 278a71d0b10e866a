import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ZodType } from 'zod';
import type { ConfigProblem } from '../errors.ts';
import type { Environment } from './interpolate.ts';
import { readYamlFile, validateYaml, type YamlFile } from './yaml-file.ts';

export interface ConfigLocation {
  configDir: string;
  env: Environment;
  /** File names in messages are given relative to this folder. */
  cwd: string;
}

/** A loaded file: its validated value and the parsed YAML that knows line numbers. */
export interface Loaded<T> {
  value: T;
  yaml: YamlFile;
}

/** Reads config files into one shared problem list, so every problem is reported at once. */
export interface ConfigFiles {
  problems: ConfigProblem[];
  display(path: string): string;
  /** How a folder of the config dir is named in messages. */
  displayFolder(folder: string): string;
  /** One file; null (with problems recorded) when it cannot be read, parsed or validated. */
  load<T>(name: string, schema: ZodType<T>): Promise<Loaded<T> | null>;
  /** Every `*.yaml` file of a folder, in name order; invalid ones are left out (problems recorded). */
  loadFolder<T>(folder: string, schema: ZodType<T>): Promise<Loaded<T>[]>;
}

export function createConfigFiles(location: ConfigLocation): ConfigFiles {
  const problems: ConfigProblem[] = [];
  const display = (path: string) => relative(location.cwd, path) || path;
  const loadPath = async <T>(path: string, schema: ZodType<T>): Promise<Loaded<T> | null> => {
    const parsed = await readYamlFile(path, display(path), location.env);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      return null;
    }
    const valid = validateYaml(parsed.value, schema);
    if (!valid.ok) {
      problems.push(...valid.problems);
      return null;
    }
    return { value: valid.value, yaml: parsed.value };
  };
  return {
    problems,
    display,
    displayFolder: (folder) => display(join(location.configDir, folder)),
    load: (name, schema) => loadPath(join(location.configDir, name), schema),
    async loadFolder(folder, schema) {
      const path = join(location.configDir, folder);
      let names: string[];
      try {
        names = (await readdir(path)).filter((name) => /\.ya?ml$/.test(name)).sort();
      } catch {
        problems.push({ file: display(path), line: null, path: '', message: 'folder is missing' });
        return [];
      }
      const loaded = await Promise.all(names.map((name) => loadPath(join(path, name), schema)));
      return loaded.filter((item) => item !== null);
    },
  };
}
