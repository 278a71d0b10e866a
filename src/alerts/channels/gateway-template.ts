import { PermanentError, ThrottledError, TransientError } from '../../errors.ts';

/** The placeholders an SMS gateway template may use. */
export const GATEWAY_PLACEHOLDERS = ['phone', 'text', 'api_key', 'sign', 'template_id'] as const;
export type GatewayPlaceholder = (typeof GATEWAY_PLACEHOLDERS)[number];
export type PlaceholderValues = Readonly<Record<GatewayPlaceholder, string>>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** How one gateway request is built: placeholders sit in the URL, header values and body. */
export interface GatewayTemplate {
  url: string;
  method: 'GET' | 'POST';
  headers: Readonly<Record<string, string>>;
  /** A JSON object (sent as JSON), a form string `a={phone}&b={text}` (sent as a form), or none. */
  body: string | JsonObject | null;
}

export interface GatewayRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | null;
}

const PLACEHOLDER = /\{([a-z_]+)\}/g;

function isPlaceholder(name: string): name is GatewayPlaceholder {
  return (GATEWAY_PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * Replaces every placeholder in one pass, each value escaped for where it lands. One pass
 * matters: a message text that itself reads `{api_key}` stays literal and never pulls the key in.
 */
export function fillTemplate(
  template: string,
  values: PlaceholderValues,
  encode: (v: string) => string,
): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    isPlaceholder(name) ? encode(values[name]) : whole,
  );
}

/** `application/x-www-form-urlencoded`: percent-encoding with `+` for spaces. */
export function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** JSON escaping is left to JSON.stringify: values are put into strings of the parsed template. */
function fillJson(template: JsonValue, values: PlaceholderValues): JsonValue {
  if (typeof template === 'string') return fillTemplate(template, values, (v) => v);
  if (Array.isArray(template)) return template.map((item) => fillJson(item, values));
  if (template === null || typeof template !== 'object') return template;
  return Object.fromEntries(Object.entries(template).map(([key, item]) => [key, fillJson(item, values)]));
}

/** The request for one phone: URL parts URL-encoded, form values form-encoded, JSON by JSON. */
export function fillRequest(template: GatewayTemplate, values: PlaceholderValues): GatewayRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(template.headers)) {
    const filled = fillTemplate(value, values, (v) => v);
    // A key read from a file often ends in a newline; say so instead of sending a broken header.
    if (/[\r\n]/.test(filled)) throw new PermanentError(`header ${name} would hold a line break`);
    headers[name.toLowerCase()] = filled;
  }
  let body: string | null = null;
  if (typeof template.body === 'string') {
    body = fillTemplate(template.body, values, formEncode);
    headers['content-type'] ??= 'application/x-www-form-urlencoded; charset=utf-8';
  } else if (template.body !== null) {
    body = JSON.stringify(fillJson(template.body, values));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  return {
    url: fillTemplate(template.url, values, encodeURIComponent),
    method: template.method,
    headers,
    body,
  };
}

/** Every placeholder a template uses, known or not, with where it sits (for config checks). */
export function templatePlaceholders(template: GatewayTemplate): { path: string[]; name: string }[] {
  const found: { path: string[]; name: string }[] = [];
  const scan = (text: string, path: string[]) => {
    for (const match of text.matchAll(PLACEHOLDER)) found.push({ path, name: match[1] ?? '' });
  };
  const walk = (value: JsonValue, path: string[]) => {
    if (typeof value === 'string') scan(value, path);
    else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, [...path, String(index)]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  scan(template.url, ['url']);
  for (const [name, value] of Object.entries(template.headers)) scan(value, ['headers', name]);
  if (template.body !== null) walk(template.body, ['body']);
  return found;
}

/** Problems with a template as a whole, each with its config path. */
export function templateProblems(template: GatewayTemplate): { path: string[]; message: string }[] {
  const problems = templatePlaceholders(template).flatMap(({ path, name }) => {
    if (!isPlaceholder(name)) {
      return [{ path, message: `unknown placeholder {${name}} (known: ${GATEWAY_PLACEHOLDERS.join(', ')})` }];
    }
    if (name === 'text' && path[0] === 'headers') {
      return [{ path, message: '{text} cannot go into a header (it holds line breaks)' }];
    }
    return [];
  });
  const sample = { phone: '13800000000', text: 't', api_key: 'k', sign: 's', template_id: '1' };
  if (!/^https?:\/\/[^/?#]+/i.test(fillTemplate(template.url, sample, encodeURIComponent))) {
    problems.push({ path: ['url'], message: 'an http(s) URL' });
  } else if (!URL.canParse(fillTemplate(template.url, sample, encodeURIComponent))) {
    problems.push({ path: ['url'], message: 'not a valid URL once filled in' });
  }
  if (template.method === 'GET' && template.body !== null) {
    problems.push({ path: ['body'], message: 'a GET request has no body; put the placeholders in the url' });
  }
  return problems;
}

type Scalar = string | number | boolean;

/** What a gateway's 2xx answer must say: the value at `jsonPath` equals `equals`. */
export interface SuccessCheck {
  jsonPath: string;
  equals: Scalar;
  /** Values at the same path that mean "too fast" (a per-phone frequency limit, say). */
  throttled: readonly Scalar[];
}

/**
 * The gateway said 2xx; its JSON answer has the last word. A wrong key or template is for good,
 * a throttling value backs off, an answer that is not JSON (a proxy's page) is worth a retry.
 */
export function checkAnswer(
  what: string,
  answer: string,
  check: SuccessCheck,
  scrub: (t: string) => string,
): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer);
  } catch {
    throw new TransientError(`${what}: answer is not JSON`, { code: 'sms_unreadable' });
  }
  const value = jsonPathValue(parsed, check.jsonPath);
  // Gateways disagree on "0" versus 0, so values compare as text.
  const same = (expected: Scalar) =>
    value !== null && typeof value !== 'object' && String(value) === String(expected);
  if (same(check.equals)) return;
  const shown = scrub(JSON.stringify(value) ?? 'missing').slice(0, 120);
  const message = `${what}: ${check.jsonPath} = ${shown}, expected ${JSON.stringify(check.equals)}`;
  if (check.throttled.some(same)) throw new ThrottledError(message, 60_000);
  throw new PermanentError(message, { code: 'sms_refused' });
}

/** Follows `a.b.0.c` into a parsed JSON answer; undefined when any step is missing. */
function jsonPathValue(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const step of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(step)) current = current[Number(step)];
    else if (current !== null && typeof current === 'object' && Object.hasOwn(current, step)) {
      current = (current as Record<string, unknown>)[step];
    } else return undefined;
  }
  return current;
}
