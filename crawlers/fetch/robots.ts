import robotsParserModule from 'robots-parser';
import { PermanentError } from '../../src/errors.ts';

// CommonJS `module.exports = function`, typed as if it were an ES default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** What fetching a robots.txt gave: its text, or why there is none. */
export type RobotsFetch =
  | { kind: 'found'; body: string }
  | { kind: 'absent' } // 4xx: no rules, everything allowed (RFC 9309 §2.3.1.3)
  | { kind: 'unreachable'; reason: string }; // 5xx or network: assume complete disallow (§2.3.1.4)

export interface RobotsOptions {
  userAgent: string;
  fetchRobots(origin: string): Promise<RobotsFetch>;
  /** RFC 9309 asks not to cache longer than 24 hours. */
  ttlMs?: number;
  /** An unreachable robots.txt is asked again sooner than a good one. */
  unreachableTtlMs?: number;
  now?: () => number;
}

interface Entry {
  until: number;
  isAllowed: (url: string) => boolean;
  why: string;
}

/**
 * robots.txt per origin (RFC 9309), parsed with robots-parser and cached. Rules are matched for
 * the product token of our User-Agent (`wagewatch`), else for `*`.
 */
export function createRobotsRules(options: RobotsOptions) {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? 24 * 3_600_000;
  const unreachableTtl = options.unreachableTtlMs ?? 10 * 60_000;
  const product = options.userAgent.split('/')[0]?.trim() || options.userAgent;
  const cache = new Map<string, Promise<Entry>>();

  const load = async (origin: string): Promise<Entry> => {
    const fetched = await options.fetchRobots(origin);
    if (fetched.kind === 'found') {
      const robots = robotsParser(`${origin}/robots.txt`, fetched.body);
      return {
        until: now() + ttl,
        isAllowed: (url) => robots.isAllowed(url, product) !== false,
        why: `${origin}/robots.txt disallows it for ${product}`,
      };
    }
    if (fetched.kind === 'absent') return { until: now() + ttl, isAllowed: () => true, why: '' };
    return {
      until: now() + unreachableTtl,
      isAllowed: () => false,
      why: `${origin}/robots.txt could not be read (${fetched.reason}), so nothing is fetched until it can`,
    };
  };

  return {
    /** Throws a PermanentError naming the rule's origin when `url` may not be fetched. */
    async check(url: URL): Promise<void> {
      const origin = url.origin;
      let entry = cache.get(origin);
      if (!entry || (await entry).until <= now()) {
        entry = load(origin);
        cache.set(origin, entry);
        entry.catch(() => cache.delete(origin));
      }
      const rules = await entry;
      if (!rules.isAllowed(url.href)) {
        throw new PermanentError(`${url.href}: refused: ${rules.why}`, { code: 'robots_disallowed' });
      }
    },
  };
}

export type RobotsRules = ReturnType<typeof createRobotsRules>;
