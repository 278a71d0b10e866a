/** What a server said to identify a list page's version, to ask next time if it changed. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/**
 * ETag / Last-Modified per URL for conditional GETs of list pages, bounded so a long-running
 * worker does not grow without limit (the oldest entries go first).
 */
export function createValidatorCache(maxEntries = 10_000) {
  const entries = new Map<string, Validators>();
  return {
    get: (url: string) => entries.get(url) ?? null,
    set(url: string, validators: Validators): void {
      if (!validators.etag && !validators.lastModified) return void entries.delete(url);
      entries.delete(url);
      entries.set(url, validators);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    /** The headers that ask "only if changed". */
    headersFor(url: string): Record<string, string> {
      const known = entries.get(url);
      if (!known) return {};
      return {
        ...(known.etag ? { 'if-none-match': known.etag } : {}),
        ...(known.lastModified ? { 'if-modified-since': known.lastModified } : {}),
      };
    },
  };
}

export type ValidatorCache = ReturnType<typeof createValidatorCache>;
