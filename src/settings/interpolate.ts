/**
 * `${NAME}` and `${NAME:-fallback}` substitution in configuration strings. The loader is the only
 * reader of the environment, so this takes the environment as an argument.
 */

export type Environment = Readonly<Record<string, string | undefined>>;

export type InterpolationResult = { ok: true; value: string } | { ok: false; message: string };

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Substitutes every reference; an unset variable without a fallback is an error naming it. */
export function interpolate(text: string, env: Environment): InterpolationResult {
  const missing: string[] = [];
  const value = text.replace(REFERENCE, (whole, name: string | undefined, fallback: string | undefined) => {
    if (whole === '$$') return '$';
    const set = env[name as string];
    if (set !== undefined && set !== '') return set;
    if (fallback !== undefined) return fallback;
    missing.push(name as string);
    return '';
  });
  if (missing.length > 0) {
    return { ok: false, message: `environment variable ${missing.join(', ')} is not set and has no default` };
  }
  return { ok: true, value };
}

/** True when the whole string is one `${…}` reference, so its result may be typed (number, boolean). */
export function isSingleReference(text: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/.test(text);
}
