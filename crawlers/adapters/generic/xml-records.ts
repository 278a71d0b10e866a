import { decodeXML } from 'entities';
import { MalformedPageError } from '../../page.ts';

const RECORD = /<record>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([\s\S]*?))\s*<\/record>/g;

/**
 * The HTML fragments of a Hanweb JCMS dataproxy answer:
 * `<datastore><totalrecord>N</totalrecord><recordset><record><![CDATA[<li>…</li>]]></record>…`.
 * Records written without CDATA are XML-escaped HTML and are unescaped. A body that is not a
 * datastore at all (a login or error page) is malformed, so it is never read as "no letters".
 */
export function xmlRecords(body: string, url: string): string[] {
  if (!/<datastore[\s>]/i.test(body))
    throw new MalformedPageError(url, 'no <datastore> in an xml-records list');
  return [...body.matchAll(RECORD)].map((match) => match[1] ?? decodeXML(match[2] ?? ''));
}
