// Opens (and so creates or migrates) the embedded store named on the command line, writes one
// post, and exits: one of several processes racing to create the same new file. It says
// `ready` once loaded and opens the file when told `go`, so that all of them open it together.
import { once } from 'node:events';
import { createEmbeddedStore } from '../../../src/store/embedded/embedded-store.ts';
import { samplePost, stored } from '../../helpers/sample-posts.ts';

const [file, id] = process.argv.slice(2) as [string, string];
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const store = createEmbeddedStore({ file, tokenizeForIndex: (t) => [t], tokenizeForQuery: (t) => [t] });
await store.upsertPosts([stored(samplePost(id, `拖欠工资 ${id}`))]);
await store.close();
process.exit(0);
