import type { Cheerio } from 'cheerio';
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { tidy } from '../../text/html-text.ts';
import { fieldText } from './field-text.ts';

/** One feed entry, RSS 2.0 / RSS 1.0 `item` or Atom `entry`, in one shape. */
export interface FeedItem {
  guid: string | null;
  /** Absolute http(s) link, or null when the item has none usable. */
  link: string | null;
  title: string | null;
  summary: string;
  rawTime: string | null;
  author: string | null;
}

/**
 * The items of an RSS or Atom feed, parsed leniently (a truncated feed yields the items before
 * the cut). Null when the document is no feed at all: an HTML page, an error text.
 */
export function readFeed(xml: string, feedUrl: string): FeedItem[] | null {
  const $ = cheerio.load(xml, { xml: true });
  const entries = $('entry').toArray();
  const items = $('item').toArray();
  if ($('rss, channel, feed').length === 0 && entries.length + items.length === 0) return null;
  if (entries.length > 0) return entries.map((entry) => atomEntry($(entry), feedUrl));
  return items.map((item) => rssItem($(item), feedUrl));
}

function rssItem(item: Cheerio<Element>, feedUrl: string): FeedItem {
  const child = (name: string) => item.children(name.replace(':', '\\:')).first();
  return {
    guid: text(child('guid')) ?? item.attr('rdf:about') ?? null,
    link: absolute(text(child('link')) ?? child('link').attr('href'), feedUrl),
    title: oneLine(fieldText(child('title'))),
    summary: longest(fieldText(child('content:encoded')), fieldText(child('description'))),
    rawTime: text(child('pubDate')) ?? text(child('dc:date')),
    author: authorName(text(child('dc:creator')) ?? text(child('author'))),
  };
}

function atomEntry(entry: Cheerio<Element>, feedUrl: string): FeedItem {
  const child = (name: string) => entry.children(name).first();
  const links = entry.children('link');
  const alternate = links.filter((_, link) => ['alternate', undefined].includes(link.attribs.rel)).first();
  return {
    guid: text(child('id')),
    link: absolute((alternate.length > 0 ? alternate : links.first()).attr('href'), feedUrl),
    title: oneLine(fieldText(child('title'))),
    summary: longest(fieldText(child('content')), fieldText(child('summary'))),
    rawTime: text(child('published')) ?? text(child('updated')),
    author: text(entry.children('author').children('name').first()),
  };
}

function text(element: Cheerio<Element>): string | null {
  const value = tidy(element.text());
  return value ? value : null;
}

function oneLine(value: string): string | null {
  const line = value.replace(/\s+/g, ' ').trim();
  return line ? line : null;
}

function longest(...texts: string[]): string {
  return texts.reduce((best, candidate) => (candidate.length > best.length ? candidate : best), '');
}

/** RSS `author` is an address, often with the name in brackets: `news@x.cn (张三)`. */
function authorName(raw: string | null): string | null {
  if (!raw) return null;
  return raw.match(/\(([^()]+)\)\s*$/)?.[1]?.trim() ?? raw;
}

function absolute(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
