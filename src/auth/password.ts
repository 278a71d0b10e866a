import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** What a person's password must satisfy; `classes` of lower case, upper case, digit, other. */
export const PASSWORD_POLICY = { minLength: 12, classes: 3 } as const;

/** Longer input is refused outright, so a login form never has to hash megabytes. */
const MAX_LENGTH = 128;

/** scrypt as OWASP recommends it: 2^15 × 8 × 1 takes ~32 MiB and ~100 ms per hash. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 32;
const KEY_BYTES = 64;
const PREFIX = 'scrypt';

/**
 * The same password typed in a full-width input mode or composed differently gives the same
 * hash: NFKC folds `Ａ` to `A` and joins combining marks.
 */
function normalize(password: string): string {
  return password.normalize('NFKC');
}

const CLASSES: readonly [string, RegExp][] = [
  ['小写字母', /\p{Ll}/u],
  ['大写字母', /\p{Lu}/u],
  ['数字', /\p{Nd}/u],
];

/** How many of the four character classes a password uses; anything not a letter case or digit is "other". */
function classCount(password: string): number {
  const found = CLASSES.filter(([, pattern]) => pattern.test(password)).length;
  const other = [...password].some((ch) => !CLASSES.some(([, pattern]) => pattern.test(ch)));
  return found + (other ? 1 : 0);
}

/** Why `password` is not acceptable for `username`, in Chinese; empty when it is. */
export function passwordProblems(password: string, username: string): string[] {
  if (password.length > MAX_LENGTH) return [`密码过长：最多 ${MAX_LENGTH} 个字符`];
  const text = normalize(password);
  const problems: string[] = [];
  if ([...text].length < PASSWORD_POLICY.minLength)
    problems.push(`密码太短：至少 ${PASSWORD_POLICY.minLength} 个字符`);
  if (classCount(text) < PASSWORD_POLICY.classes)
    problems.push(
      `密码须包含小写字母、大写字母、数字、其他字符（符号、汉字等）四类中的至少 ${PASSWORD_POLICY.classes} 类`,
    );
  if (username && text.toLowerCase().includes(username.toLowerCase())) problems.push('密码不得包含用户名');
  return problems;
}

function deriveKey(
  password: string,
  salt: Buffer,
  cost: { N: number; r: number; p: number },
): Promise<Buffer> {
  // scrypt needs 128·N·r·p bytes; the default ceiling (32 MiB) is exactly that, so leave room.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r * cost.p };
  return new Promise((resolve, reject) => {
    scrypt(normalize(password), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$saltB64$hashB64`, with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, COST);
  return [PREFIX, COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  cost: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

/** Reads a stored hash; null for anything malformed or with a cost no sane setting would use. */
function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : Number.NaN));
  if (!N || !r || !p || N > 2 ** 20 || (N & (N - 1)) !== 0 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 16 || key.length !== KEY_BYTES) return null;
  return { cost: { N, r, p }, salt, key };
}

/** Whether `password` matches a hash made by hashPassword; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || password.length > MAX_LENGTH) {
    await spendPasswordTime(password);
    return false;
  }
  const key = await deriveKey(password, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}

const DUMMY_SALT = randomBytes(SALT_BYTES);

/** Hashes for nothing, so that an unknown user takes as long to refuse as a wrong password. */
export async function spendPasswordTime(password: string): Promise<void> {
  await deriveKey(password.slice(0, MAX_LENGTH), DUMMY_SALT, COST);
}
