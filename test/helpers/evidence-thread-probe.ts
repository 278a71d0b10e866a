// Bundled and run by test/cli/bundle.test.ts: a bundle's evidence writer must find the thread
// script that `npm run build` puts beside it, and write through it.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';

const dir = process.argv[2] as string;
const store = createEmbeddedStore({
  file: join(dir, 'probe.sqlite'),
  tokenizeForIndex: (text) => [text],
  tokenizeForQuery: (text) => [text],
  evidenceThread: true,
});
const body = Buffer.from('<p>讨薪帖原貌</p>');
await store.putEvidence({
  post_id: 'probe:1',
  url: 'http://probe.test/1',
  fetched_at: '2026-11-26T09:00:00+08:00',
  content_type: 'text/html',
  sha256: createHash('sha256').update(body).digest('hex'),
  body,
});
const [kept] = await store.listEvidence('probe:1');
await store.close();
console.log(JSON.stringify({ body: kept?.body.toString() ?? null }));
