import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseYamlText, validateYaml } from '../../src/settings/yaml-file.ts';

const schema = z.strictObject({
  port: z.int(),
  name: z.string(),
  nested: z.strictObject({ items: z.array(z.strictObject({ id: z.string() })) }),
});

function parse(text: string, env: Record<string, string> = {}) {
  const parsed = parseYamlText(text, 'settings.yaml', env);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

describe('YAML files', () => {
  it('types a plain whole-value reference like YAML would, and keeps quoted ones as text', () => {
    const file = parse('a: ${PORT}\nb: "${PORT}"\nc: ${FLAG}\nd: ${UNSET:-}\n', {
      PORT: '8080',
      FLAG: 'true',
    });
    expect(file.data).toEqual({ a: 8080, b: '8080', c: true, d: null });
  });

  it('reports syntax errors with their line', () => {
    const parsed = parseYamlText('a: 1\nb: [1, 2\nc: 3\n', 'broken.yaml', {});
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems[0]).toMatchObject({ file: 'broken.yaml', line: expect.any(Number) });
  });

  it('reports duplicate keys', () => {
    const parsed = parseYamlText('a: 1\na: 2\n', 'dup.yaml', {});
    expect(parsed.ok).toBe(false);
  });

  it('locates schema problems by line and dotted path, unknown keys included, all at once', () => {
    const file = parse(
      'port: eighty\nname: x\nnested:\n  items:\n    - id: a\n    - id: 7\n      colour: red\n',
    );
    const result = validateYaml(file, schema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.problems.map((p) => [p.path, p]));
    expect(byPath.port).toMatchObject({ line: 1 });
    expect(byPath['nested.items[1].id']).toMatchObject({ line: 6 });
    expect(byPath['nested.items[1].colour']).toMatchObject({ line: 7, message: 'unknown key' });
  });

  it('points a missing key at the object that lacks it', () => {
    const file = parse('port: 1\nnested:\n  items: []\n');
    const result = validateYaml(file, schema);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ path: 'name', line: 1 })]);
  });
});
