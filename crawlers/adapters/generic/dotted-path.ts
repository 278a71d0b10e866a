/**
 * Every value at a dotted path: `data.rows`, `main.sn`, `rows.0.id`; a step ending in `[]` fans
 * out over an array (`result[].letterTitle`, `data.reply[].content`). Missing steps yield nothing,
 * so a path never throws on a response of another shape.
 */
export function readPath(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const raw of path.split('.')) {
    const fanOut = raw.endsWith('[]');
    const key = fanOut ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const value of current) {
      const child = step(value, key);
      if (child === undefined) continue;
      if (!fanOut) next.push(child);
      else if (Array.isArray(child)) next.push(...child);
    }
    current = next;
  }
  return current;
}

/**
 * The items of a list response: the array at `path`, or every value a fanning path reaches.
 * Null when the path leads nowhere or not to an array (the page is not the list it should be).
 */
export function readItems(root: unknown, path: string): unknown[] | null {
  const values = readPath(root, path);
  if (path.endsWith('[]'))
    return values.length > 0 || readPath(root, path.slice(0, -2)).length > 0 ? values : null;
  const [first] = values;
  if (values.length !== 1) return null;
  if (first === null) return [];
  return Array.isArray(first) ? first : null;
}

/** A value as text: strings and numbers as written, everything else (objects, null) as nothing. */
export function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

function step(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return /^\d+$/.test(key) ? value[Number(key)] : undefined;
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, key)) {
    return (value as Record<string, unknown>)[key];
  }
  return undefined;
}
