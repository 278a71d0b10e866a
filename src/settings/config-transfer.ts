import type { AppConfig } from './load-config.ts';
import { Secret } from './secret.ts';

/** How a Secret crosses to a worker thread: structured cloning keeps no class, and no private field. */
interface SecretInTransit {
  $wagewatchSecret: { envName: string; value: string };
}

const PLAIN = new Set<unknown>([Object.prototype, Array.prototype, Map.prototype, null]);

/**
 * The config as a worker thread can receive it (`workerData`): structured cloning would turn each
 * Secret into an empty object, so secrets travel tagged and `configFromTransfer` makes them
 * Secrets again. Anything else that is not plain data is refused here rather than arriving
 * broken: a class added to the config later must say how it crosses.
 */
export function configForTransfer(config: AppConfig): unknown {
  return encode(config, 'config');
}

export function configFromTransfer(data: unknown): AppConfig {
  return decode(data) as AppConfig;
}

function encode(value: unknown, path: string): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') throw new Error(`${path} is a function: it cannot reach a thread`);
    return value;
  }
  if (value instanceof Secret) {
    return { $wagewatchSecret: { envName: value.envName, value: value.reveal() } } satisfies SecretInTransit;
  }
  if (value instanceof RegExp || value instanceof Date) return value;
  if (!PLAIN.has(Object.getPrototypeOf(value)))
    throw new Error(
      `${path} is a ${value.constructor?.name ?? 'class instance'}: say how it reaches a thread`,
    );
  if (value instanceof Map)
    return new Map([...value].map(([key, item]) => [key, encode(item, `${path}.${String(key)}`)]));
  if (Array.isArray(value)) return value.map((item, i) => encode(item, `${path}[${i}]`));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, encode(item, `${path}.${key}`)]),
  );
}

function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof RegExp || value instanceof Date)
    return value;
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, decode(item)]));
  if (Array.isArray(value)) return value.map(decode);
  const secret = (value as Partial<SecretInTransit>).$wagewatchSecret;
  if (secret) return new Secret(secret.envName, secret.value);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decode(item)]));
}
