import type { Store, VersionedRecord } from './store.ts';

/** Every record of one kind, page by page (by id), for views that need them all. */
export async function* allRecords<T>(
  store: Store,
  kind: string,
  pageSize = 500,
): AsyncIterable<VersionedRecord<T>> {
  let after: string | undefined;
  for (;;) {
    const page = await store.listRecords<T>(kind, { limit: pageSize, ...(after ? { after } : {}) });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]?.id;
  }
}

export async function loadAll<T>(store: Store, kind: string): Promise<T[]> {
  const all: T[] = [];
  for await (const record of allRecords<T>(store, kind)) all.push(record.data);
  return all;
}
