import { h, replace } from '../dom.js';
import { count, dateTime, LEVEL_ZH, yuan } from '../format.js';

export const RISK_ZH = { extreme: '极端事件风险', mass_gathering: '群体聚集风险', criminal: '涉嫌犯罪' };
const list = (values) => (values?.length ? values.join('、') : '—');

/**
 * `…【讨薪】…` as text with each 【…】 segment in a <mark>: the server marks the query words in
 * the (already masked) excerpt, and the console builds nodes from it, never HTML.
 */
export function highlighted(text) {
  const parts = [];
  let rest = text ?? '';
  while (rest) {
    const open = rest.indexOf('【');
    const close = open < 0 ? -1 : rest.indexOf('】', open + 1);
    if (open < 0 || close < 0) {
      parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    const word = rest.slice(open + 1, close);
    if (word) parts.push(h('mark', {}, word));
    rest = rest.slice(close + 1);
  }
  return parts;
}

/** `12.3 KB`: the size of a captured page. */
function bytes(size) {
  if (size === null || size === undefined) return '—';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** Only web addresses become links; anything else (javascript:, data:) stays text. */
function originalLink(url) {
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) return url || '—';
  return h(
    'a',
    { href: parsed.href, target: '_blank', rel: 'noopener noreferrer', class: 'original-link' },
    '查看原文',
    h('span', { class: 'visually-hidden' }, '（在新窗口打开）'),
  );
}

/** The level, 线索 and risk badges of a post or a search hit. */
export function postBadges({ level, lead, risks }) {
  return h(
    'div',
    { class: 'badges' },
    h('span', { class: `level-tag level-${level}` }, LEVEL_ZH[level] ?? level),
    lead ? h('span', { class: 'lead-tag' }, '线索') : null,
    (risks ?? []).map((risk) => h('span', { class: 'warn-tag' }, RISK_ZH[risk] ?? risk)),
  );
}

function facts(post, c) {
  const rows = [
    ['来源', post.source],
    ['作者', post.author || '—'],
    ['发布时间', dateTime(post.published_at)],
    ['采集时间', dateTime(post.fetched_at)],
    ['属地', c.town ?? '属地未识别'],
    ['责任部门', list(c.departments)],
    ['涉及金额', yuan(c.amount_yuan)],
    ['涉及人数', count(c.workers, '人')],
    ['原文', originalLink(post.url)],
  ];
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

/** 研判依据: each rule that fired, the words that made it fire, and its score. */
function ruleHits(hits) {
  if (!hits?.length) return h('p', { class: 'muted' }, '没有规则命中');
  return h(
    'table',
    { class: 'mini-table rule-hits' },
    h('thead', {}, h('tr', {}, h('th', {}, '规则'), h('th', {}, '命中词'), h('th', {}, '分值'))),
    h(
      'tbody',
      {},
      hits.map((hit) =>
        h(
          'tr',
          {},
          h('td', {}, hit.rule),
          h('td', {}, list(hit.terms)),
          h('td', { class: 'num' }, hit.score),
        ),
      ),
    ),
  );
}

/** 页面留存: when each copy of the page was captured, its SHA-256 and size. */
function evidenceList(evidence) {
  if (!evidence?.length) return h('p', { class: 'muted' }, '暂无页面留存');
  return h(
    'ul',
    { class: 'evidence-list' },
    evidence.map((page) =>
      h(
        'li',
        {},
        h(
          'div',
          {},
          `留存时间 ${dateTime(page.fetched_at)}　大小 ${bytes(page.bytes)}　${page.content_type ?? ''}`,
        ),
        h('div', { class: 'mono sha' }, h('span', { class: 'muted' }, 'SHA-256 '), page.sha256),
      ),
    ),
  );
}

/** The detail panel of one post: masked text, what the rules made of it and why, and its captures. */
export function createPostDetail({ onClose }) {
  const panel = h('aside', { class: 'detail', 'aria-labelledby': 'post-title', hidden: true });
  let current = null;

  function show({ post, classification, evidence }, { focus = false } = {}) {
    current = post.id;
    const c = classification ?? {};
    panel.hidden = false;
    replace(
      panel,
      h(
        'header',
        { class: 'detail-head' },
        h(
          'h2',
          { id: 'post-title', tabindex: -1 },
          post.title || `${post.source} · ${post.author || '网友'}`,
        ),
        h(
          'button',
          { type: 'button', class: 'ghost close', 'aria-label': '关闭详情', onclick: onClose },
          '关闭',
        ),
      ),
      postBadges(c),
      facts(post, c),
      h(
        'section',
        { class: 'detail-section' },
        h('h3', {}, '正文（已脱敏）'),
        h('p', { class: 'description' }, post.text),
      ),
      h('section', { class: 'detail-section' }, h('h3', {}, '研判依据'), ruleHits(c.hits)),
      h('section', { class: 'detail-section' }, h('h3', {}, '页面留存'), evidenceList(evidence)),
    );
    if (focus) panel.querySelector('#post-title')?.focus();
  }

  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onClose();
  });

  return {
    element: panel,
    show,
    hide() {
      current = null;
      panel.hidden = true;
      panel.replaceChildren();
    },
    get id() {
      return current;
    },
  };
}
