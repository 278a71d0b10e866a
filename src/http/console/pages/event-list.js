import { withQuery } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, EVENT_STATUS_ZH, LEVEL_ZH } from '../format.js';

/** The console's address of one event's page. */
export const eventHref = (id) => `#/events/${encodeURIComponent(id)}`;

const EVENTS_PAGE = 50;

/** `#/events`: every event, highest level and latest first, a page at a time. */
export function mountEventList(root, { api }) {
  const body = h('tbody');
  const pager = h('div', { class: 'pager' });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const columns = ['等级', '事件', '状态', '属地', '帖子', '最近发现'];
  replace(
    root,
    h(
      'section',
      { class: 'page' },
      h('header', { class: 'page-head' }, h('h1', {}, '事件')),
      h('p', { class: 'muted' }, '全部事件（含已处置），按等级和最近发现排序；点击标题查看详情。'),
      message,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data-table events-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              columns.map((name) => h('th', { scope: 'col' }, name)),
            ),
          ),
          body,
        ),
      ),
      pager,
    ),
  );
  const load = (page) =>
    api
      .get(withQuery('/api/events', { status: 'all', page, page_size: EVENTS_PAGE }))
      .then((result) => {
        const items = result.items ?? [];
        message.textContent = '';
        replace(
          body,
          items.map((event) =>
            h(
              'tr',
              {},
              h(
                'td',
                {},
                h('span', { class: `level-tag level-${event.level}` }, LEVEL_ZH[event.level] ?? ''),
              ),
              h('td', {}, h('a', { href: eventHref(event.id) }, event.title || '（无标题）')),
              h(
                'td',
                {},
                h(
                  'span',
                  { class: `status-tag status-${event.status}` },
                  EVENT_STATUS_ZH[event.status] ?? '',
                ),
              ),
              h('td', {}, event.town ?? '属地未识别'),
              h('td', { class: 'num' }, event.post_count),
              h('td', {}, dateTime(event.last_seen)),
            ),
          ),
          items.length === 0
            ? h('tr', {}, h('td', { class: 'empty', colspan: columns.length }, '暂无事件'))
            : null,
        );
        const pages = Math.max(1, Math.ceil(result.total / EVENTS_PAGE));
        replace(
          pager,
          h('span', {}, `共 ${result.total} 条　第 ${result.page} / ${pages} 页`),
          h(
            'button',
            { type: 'button', class: 'ghost', disabled: page <= 1, onclick: () => load(page - 1) },
            '上一页',
          ),
          h(
            'button',
            { type: 'button', class: 'ghost', disabled: page >= pages, onclick: () => load(page + 1) },
            '下一页',
          ),
        );
      })
      .catch((error) => {
        message.textContent = `事件列表加载失败：${error.message}`;
      });
  load(1);
  return null;
}
