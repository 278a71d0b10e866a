// A loopback site for the crawl benchmark, in its own process so serving does not share the
// crawler's event loop: every `/f/search/res?...&pn=N` answers the real 贴吧 result fixture,
// marked with its page number so that, like real pages, no two have the same bytes (each is
// hashed, compressed and stored as evidence on its own).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const page = readFileSync(
  new URL('../../test/fixtures/sources/tieba/f_search_res_keyword_notes.html', import.meta.url),
);
const server = createServer((request, response) => {
  if (request.url === '/robots.txt') return void response.writeHead(404).end();
  const pageNumber = new URL(request.url ?? '/', 'http://site').searchParams.get('pn') ?? '';
  const body = Buffer.concat([page, Buffer.from(`\n<!-- pn=${pageNumber} -->\n`)]);
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  response.end(body);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
