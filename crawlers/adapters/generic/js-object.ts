/**
 * JavaScript object-literal text as JSON text. Some government endpoints (北京 `letterListJson`)
 * answer with `{page:{pageNo:1},result:[{letterTitle:'…'}]}`: unquoted keys, single-quoted
 * strings. Replacing quotes or keys with text substitution breaks on titles that contain quotes
 * or colons, so this walks the text once, copying strings character by character.
 *
 * Handles: unquoted and numeric keys, single- and double-quoted strings with JavaScript escapes
 * (`\'`, `\x41`, `\u{1F600}`, line continuations), trailing commas, `//` and `/* *\/` comments,
 * `undefined`/`NaN`/`Infinity` (as null), a trailing `;`. Throws SyntaxError on text it cannot
 * read: an unterminated string, a bare word that is neither a key nor a literal.
 */
export function jsObjectToJson(text: string): string {
  const source = text.trim().replace(/;\s*$/, '');
  let out = '';
  let at = 0;
  while (at < source.length) {
    const char = source[at] as string;
    if (char === '"' || char === "'") {
      const string = readString(source, at);
      out += JSON.stringify(string.value);
      at = string.end;
    } else if (char === '/' && (source[at + 1] === '/' || source[at + 1] === '*')) {
      at = skipComment(source, at);
    } else if (/[A-Za-z_$]/.test(char)) {
      const word = source.slice(at).match(/^[A-Za-z_$][\w$]*/)?.[0] as string;
      out += wordAsJson(word, isKey(source, at + word.length), at);
      at += word.length;
    } else if (/[-+\d.]/.test(char)) {
      const number = source.slice(at).match(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/)?.[0] ?? char;
      out += isKey(source, at + number.length) ? JSON.stringify(number) : normalNumber(number);
      at += number.length;
    } else if (char === ',' && closesNext(source, at + 1)) {
      at++;
    } else {
      out += char;
      at++;
    }
  }
  return out;
}

/** `JSON.parse` after `jsObjectToJson`. */
export function parseJsObject(text: string): unknown {
  return JSON.parse(jsObjectToJson(text));
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start];
  let value = '';
  let at = start + 1;
  while (at < source.length) {
    const char = source[at] as string;
    if (char === quote) return { value, end: at + 1 };
    if (char === '\n' || char === '\r') break;
    if (char !== '\\') {
      value += char;
      at++;
      continue;
    }
    const escaped = source[at + 1];
    if (escaped === undefined) break;
    const unicode = readUnicodeEscape(source, at);
    if (unicode) {
      value += unicode.char;
      at = unicode.end;
    } else if (escaped === '\r' || escaped === '\n') {
      // A line continuation: the string goes on without the line break.
      at += escaped === '\r' && source[at + 2] === '\n' ? 3 : 2;
    } else {
      value += ESCAPES[escaped] ?? escaped;
      at += 2;
    }
  }
  throw new SyntaxError(`unterminated string starting at ${start}`);
}

function readUnicodeEscape(source: string, at: number): { char: string; end: number } | null {
  const rest = source.slice(at, at + 12);
  const match =
    rest.match(/^\\x([0-9a-fA-F]{2})/) ??
    rest.match(/^\\u([0-9a-fA-F]{4})/) ??
    rest.match(/^\\u\{([0-9a-fA-F]{1,6})\}/);
  if (!match) return null;
  const code = Number.parseInt(match[1] as string, 16);
  if (code > 0x10ffff) throw new SyntaxError(`bad unicode escape at ${at}`);
  return { char: String.fromCodePoint(code), end: at + match[0].length };
}

function skipComment(source: string, at: number): number {
  if (source[at + 1] === '/') {
    const end = source.indexOf('\n', at);
    return end < 0 ? source.length : end;
  }
  const end = source.indexOf('*/', at + 2);
  if (end < 0) throw new SyntaxError(`unterminated comment at ${at}`);
  return end + 2;
}

function wordAsJson(word: string, key: boolean, at: number): string {
  if (key) return JSON.stringify(word);
  if (word === 'true' || word === 'false' || word === 'null') return word;
  if (word === 'undefined' || word === 'NaN' || word === 'Infinity') return 'null';
  throw new SyntaxError(`unexpected word "${word}" at ${at}`);
}

/** Valid JSON numbers pass verbatim, so long ids keep every digit; `+1`, `.5`, `1.` are rewritten. */
function normalNumber(number: string): string {
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(number)) return number;
  const value = Number(number);
  if (!Number.isFinite(value)) throw new SyntaxError(`bad number "${number}"`);
  return JSON.stringify(value);
}

/** Whether the next significant character is `:`, which makes the token before it a key. */
function isKey(source: string, from: number): boolean {
  return source[nextSignificant(source, from)] === ':';
}

/** Whether a comma is trailing: the next significant character closes an object or array. */
function closesNext(source: string, from: number): boolean {
  const next = source[nextSignificant(source, from)];
  return next === '}' || next === ']';
}

function nextSignificant(source: string, from: number): number {
  let at = from;
  while (at < source.length) {
    if (/\s/.test(source[at] as string)) at++;
    else if (source[at] === '/' && (source[at + 1] === '/' || source[at + 1] === '*'))
      at = skipComment(source, at);
    else break;
  }
  return at;
}
