/** Personal data found in a text, so every screen and message can mask it. */
export interface FoundPii {
  phones: string[];
  id_numbers: string[];
}

const PHONE = /(?<![\d*])(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![\d*])/g;
const ID_NUMBER = /(?<![\dA-Za-z])(\d{6})(\d{4})(\d{2})(\d{2})(\d{3})([\dXx])(?![\dA-Za-z])/g;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Mainland mobile numbers (with or without separators) and 18-digit ID numbers whose check digit holds. */
export function findPii(text: string): FoundPii {
  if (!hasDigits(text, 11)) return { phones: [], id_numbers: [] };
  const phones = [...text.matchAll(PHONE)].map((m) => `${m[1]}${m[2]}${m[3]}`);
  const ids = [...text.matchAll(ID_NUMBER)].map((m) => m[0].toUpperCase()).filter(isValidIdNumber);
  return { phones: [...new Set(phones)], id_numbers: [...new Set(ids)] };
}

/**
 * True when some run of digits, hyphens and spaces holds at least `count` digits, as every
 * phone number (138-1234-5678) and ID number does: most texts skip the two searches.
 */
function hasDigits(text: string, count: number): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (++digits >= count) return true;
    } else if (code !== 45 && code !== 32) digits = 0;
  }
  return false;
}

/** GB 11643: a plausible birth date and the ISO 7064 MOD 11-2 check digit. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** `138****5678`, `110101********1234`: what a person may see without the right to unmask. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/**
 * The text with every phone number and ID number masked, wherever they sit and however they
 * are separated: what a message, a screen or an export shows to someone without the right to
 * unmask. Masks what `findPii` finds, and any other 11-digit mobile-looking run to be safe.
 */
export function maskPii(text: string): string {
  return text
    .replace(ID_NUMBER, (id) => maskIdNumber(id.toUpperCase()))
    .replace(PHONE, (_match, a: string, b: string, c: string) => maskPhone(`${a}${b}${c}`));
}
