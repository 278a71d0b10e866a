import type * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { NO_METRICS } from '../../../src/domain/post.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import { emptyPage, type FetchedPage, type ParsedPage } from '../../page.ts';
import { loadHtml } from '../../text/html-document.ts';
import { htmlToText } from '../../text/html-text.ts';
import { parsePublishedTime } from '../../text/published-time.ts';
import { challengeOf } from './challenge.ts';
import { type ComplaintFacts, complaintText } from './complaint-text.ts';

/** `ul.ts-q-list` labels, by the fact they carry. */
const LABELS: Readonly<Record<string, keyof ComplaintFacts>> = {
  投诉对象: 'target',
  投诉问题: 'issue',
  投诉要求: 'appeal',
  涉诉金额: 'amount',
  投诉进度: 'progress',
};

/**
 * A complaint page (`/complaint/view/<sn>/`): the whole complaint and its timeline replace the
 * list's version. A page without the complaint frame yields nothing, so the pass keeps the
 * list's version, unless it is a login or captcha page, which is a block.
 */
export function parseComplaintPage(page: FetchedPage): ParsedPage {
  const $ = loadHtml(page.body);
  const question = $('div.ts-d-question').first();
  const partial = page.request.partial;
  const degraded = (reason: string): ParsedPage => ({
    ...emptyPage(),
    problems: [{ url: page.url, item: 0, severity: 'degraded', reason: `${reason}; list version kept` }],
  });
  if (question.length === 0) {
    const blocked = challengeOf(page.body);
    return blocked ? { ...emptyPage(), blocked } : degraded('complaint page without div.ts-d-question');
  }
  if (!partial) return degraded('complaint page requested without its list version');
  // Some pages carry the complaint in `.article`, others only in the first timeline step.
  const bodies = question
    .find('.article')
    .not('h1')
    .toArray()
    .map((node) => htmlToText($(node).html() ?? ''));
  const steps = $('div.ts-d-steplist > div.ts-d-item')
    .toArray()
    .map((node) => stepText($(node), bodies));
  const text = complaintText(readFacts($, question), [...bodies, ...steps]);
  if (!text) return degraded('complaint page with no text');
  const date = textOf(question.find('div.ts-q-user span.u-date'));
  return {
    posts: [
      {
        ...partial,
        author: textOf(question.find('div.ts-q-user span.u-name')) ?? partial.author,
        published_at: (date && parsePublishedTime(date, page.fetchedAt)) || partial.published_at,
        fetched_at: toShanghaiIso(page.fetchedAt),
        title: textOf(question.children('h1')) ?? partial.title,
        text,
        metrics: NO_METRICS,
      },
    ],
    next: [],
    problems: [],
  };
}

/** `<li><label>涉诉金额：</label>349元</li>`: the value is whatever follows the label. */
function readFacts($: cheerio.CheerioAPI, question: cheerio.Cheerio<AnyNode>): ComplaintFacts {
  const facts: ComplaintFacts = { target: null, issue: null, appeal: null, amount: null, progress: null };
  for (const node of question.find('ul.ts-q-list > li').toArray()) {
    const item = $(node);
    const label = item.children('label').first().text();
    const key = LABELS[label.replace(/[\s:：]/g, '')];
    if (!key) continue;
    const value = item.text().replace(label, '').replace(/\s+/g, ' ').trim();
    if (value) facts[key] = value;
  }
  return facts;
}

/** One timeline step: `【商家已回复】信*飞App 2025-11-25 14:02` and what was said, unless said above. */
function stepText(step: cheerio.Cheerio<AnyNode>, bodies: readonly string[]): string {
  const status = textOf(step.find('span.u-status'));
  const heading = [
    status ? `【${status}】` : '',
    [textOf(step.find('span.u-name')), textOf(step.find('span.u-date'))].filter(Boolean).join(' '),
  ].join('');
  const said = htmlToText(step.find('div.ts-d-cont').first().html() ?? '');
  return [heading, bodies.includes(said) ? '' : said].filter(Boolean).join('\n');
}

function textOf(node: cheerio.Cheerio<AnyNode>): string | null {
  const text = node.first().text().replace(/\s+/g, ' ').trim();
  return text || null;
}
