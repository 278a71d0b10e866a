import { readFile } from 'node:fs/promises';
import { isNode, isScalar, LineCounter, parseDocument, parse as parseYamlValue, visit } from 'yaml';
import type { ZodType } from 'zod';
import type { ConfigProblem } from '../errors.ts';
import { type Environment, interpolate, isSingleReference } from './interpolate.ts';

/** A parsed configuration file that can still say on which line a value was written. */
export interface YamlFile {
  file: string;
  data: unknown;
  lineOf(path: readonly PropertyKey[]): number | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: ConfigProblem[] };

/** Reads, parses and interpolates one YAML file; syntax errors and unset variables become problems. */
export async function readYamlFile(path: string, file: string, env: Environment): Promise<Parsed<YamlFile>> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    return fail(file, null, '', `cannot read file (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  return parseYamlText(source, file, env);
}

export function parseYamlText(source: string, file: string, env: Environment): Parsed<YamlFile> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? null : lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        line: lineAt(e.pos[0]),
        path: '',
        message: e.message.split('\n')[0] ?? '',
      })),
    };
  }
  const problems: ConfigProblem[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return;
      const result = interpolate(node.value, env);
      if (!result.ok) {
        problems.push({ file, line: lineAt(node.range?.[0]), path: '', message: result.message });
        return;
      }
      const typed = node.type === 'PLAIN' && isSingleReference(node.value);
      node.value = typed ? retype(result.value) : result.value;
    },
  });
  if (problems.length > 0) return { ok: false, problems };
  const lineOf = (path: readonly PropertyKey[]): number | null => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineAt(node.range[0]);
      if (isScalar(node) && node.range) return lineAt(node.range[0]);
    }
    return null;
  };
  return { ok: true, value: { file, data: doc.toJS(), lineOf } };
}

/** An unquoted `${X}` becomes what YAML would make of the substituted text: `8080` a number, `` null. */
function retype(text: string): unknown {
  if (text === '') return null;
  try {
    const value = parseYamlValue(text);
    return value === null || ['number', 'boolean'].includes(typeof value) ? value : text;
  } catch {
    return text;
  }
}

/** Validates a file's data; every schema issue becomes a problem with its line and dotted path. */
export function validateYaml<T>(yamlFile: YamlFile, schema: ZodType<T>): Parsed<T> {
  const result = schema.safeParse(yamlFile.data);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.flatMap((issue): ConfigProblem[] => {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        file: yamlFile.file,
        line: yamlFile.lineOf([...path, key]),
        path: dotted([...path, key]),
        message: 'unknown key',
      }));
    }
    return [{ file: yamlFile.file, line: yamlFile.lineOf(path), path: dotted(path), message: issue.message }];
  });
  return { ok: false, problems };
}

export function dotted(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
    .join('.')
    .replace(/\.\[/g, '[');
}

function fail(file: string, line: number | null, path: string, message: string): Parsed<never> {
  return { ok: false, problems: [{ file, line, path, message }] };
}
