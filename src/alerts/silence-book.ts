import { randomUUID } from 'node:crypto';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { PermanentError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { type Silence, silenceSchema } from './silences.ts';

/** Silences as store records (kind `silence`), each change in the audit log with who and why. */
export function createSilenceBook(store: Store, now: () => Date = () => new Date()) {
  return {
    async add(
      matcher: { event_id: string } | { keyword: string } | { source: string },
      durationMs: number,
      author: string,
      reason: string,
    ): Promise<Silence> {
      const at = now();
      const silence = silenceSchema.parse({
        id: `sil-${randomUUID().slice(0, 8)}`,
        ...matcher,
        starts_at: toShanghaiIso(at),
        ends_at: toShanghaiIso(new Date(at.getTime() + durationMs)),
        author,
        reason,
        created_at: toShanghaiIso(at),
      });
      await store.putRecord('silence', silence.id, silence, null);
      await store.appendAudit({
        at: silence.created_at,
        actor: author,
        action: 'silence.add',
        target_kind: 'silence',
        target_id: silence.id,
        reason,
        after: silence,
      });
      return silence;
    },
    /** Silences not yet over, soonest ending first. */
    async active(): Promise<Silence[]> {
      const t = now().getTime();
      return (await store.listRecords<Silence>('silence', { limit: 1000 }))
        .map((r) => r.data)
        .filter((s) => Date.parse(s.ends_at) > t)
        .sort((a, b) => Date.parse(a.ends_at) - Date.parse(b.ends_at));
    },
    /** Silences over within the last `withinMs`, the latest ended first. */
    async recent(withinMs: number): Promise<Silence[]> {
      const t = now().getTime();
      return (await store.listRecords<Silence>('silence', { limit: 1000 }))
        .map((r) => r.data)
        .filter((s) => Date.parse(s.ends_at) <= t && Date.parse(s.ends_at) > t - withinMs)
        .sort((a, b) => Date.parse(b.ends_at) - Date.parse(a.ends_at));
    },
    /**
     * Ends a silence now (it is kept, with its new end, for the record). One already over is
     * left as it was, so its end stays the true one: `changed` says which.
     */
    async end(id: string, author: string, reason: string): Promise<{ silence: Silence; changed: boolean }> {
      const current = await store.getRecord<Silence>('silence', id);
      if (!current) throw new PermanentError(`no silence ${id}`, { code: 'unknown_silence' });
      const at = now();
      if (Date.parse(current.data.ends_at) <= at.getTime()) return { silence: current.data, changed: false };
      const ended = { ...current.data, ends_at: toShanghaiIso(at) };
      await store.putRecord('silence', id, ended, current.version);
      await store.appendAudit({
        at: ended.ends_at,
        actor: author,
        action: 'silence.end',
        target_kind: 'silence',
        target_id: id,
        reason,
        before: current.data,
        after: ended,
      });
      return { silence: ended, changed: true };
    },
  };
}
