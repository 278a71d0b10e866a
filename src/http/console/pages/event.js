import { h, replace, toast } from '../dom.js';
import { count, dateTime, EVENT_STATUS_ZH, LEAD_STATE_ZH, LEVEL_ZH, yuan } from '../format.js';
import { loadECharts } from './burn-down-chart.js';
import { lineOption } from './charts.js';
import { eventHref, mountEventList } from './event-list.js';
import { createLeadDetail } from './lead-detail.js';

export { eventHref };

const ACTING_ROLES = ['admin', 'monitor'];
const RISK_ZH = { extreme: '极端事件风险', mass_gathering: '群体聚集风险', criminal: '涉嫌犯罪' };

/** `#/events/ev-…` → `ev-…`; `#/events` → null. */
function eventIdFromHash() {
  const [, id] = location.hash.replace(/^#\/?/, '').split(/[?]/)[0].split('/');
  if (!id) return null;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/** Only links to web pages are shown as links; anything else stays text. */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** `2026-11-26T09` (a Shanghai hour) as `11-26 09时`. */
function hourLabel(hour) {
  return `${hour.slice(5, 10)} ${hour.slice(11, 13)}时`;
}

/** Posts per hour from the event's HourlyCounts, the quiet hours in between filled with zeros. */
export function hourlySeries(hourly) {
  const counts = new Map((hourly ?? []).filter((entry) => Array.isArray(entry)));
  const hours = [...counts.keys()].sort();
  if (hours.length === 0) return { labels: [], values: [] };
  const labels = [];
  const values = [];
  const last = Date.parse(`${hours.at(-1)}:00:00Z`);
  for (let at = Date.parse(`${hours[0]}:00:00Z`); at <= last && labels.length < 24 * 14; at += 3_600_000) {
    const hour = new Date(at).toISOString().slice(0, 13);
    labels.push(hourLabel(hour));
    values.push(counts.get(hour) ?? 0);
  }
  return { labels, values };
}

function facts(event) {
  const rows = [
    ['属地', event.town ?? '属地未识别'],
    ['涉及金额', yuan(event.amount_yuan)],
    ['涉及人数', count(event.workers, '人')],
    ['帖子数', count(event.post_count, '条')],
    ['来源', event.sources?.length ? event.sources.join('、') : '—'],
    ['涉及单位', event.orgs?.length ? event.orgs.join('、') : '—'],
    ['责任部门', event.departments?.length ? event.departments.join('、') : '—'],
    ['首次发现', dateTime(event.first_seen)],
    ['最近发现', dateTime(event.last_seen)],
    [
      '转评增长',
      event.engagement ? `转发 ${event.engagement.reposts}　评论 ${event.engagement.comments}` : '—',
    ],
    ['确认', event.acknowledged ? `${event.acknowledged.by}　${dateTime(event.acknowledged.at)}` : '未确认'],
    ['处置', event.resolved ? `${event.resolved.by}　${dateTime(event.resolved.at)}` : '未处置'],
  ];
  return h(
    'dl',
    { class: 'facts event-facts' },
    rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

function postItem(post) {
  const link = safeUrl(post.url);
  return h(
    'li',
    { class: 'post-item', dataset: { post: post.id } },
    h(
      'div',
      { class: 'post-meta' },
      h('time', { datetime: post.published_at }, dateTime(post.published_at)),
      h('span', {}, post.source),
      h('span', {}, post.author || '网友'),
      post.level && post.level !== 'none'
        ? h('span', { class: `level-tag level-${post.level}` }, LEVEL_ZH[post.level] ?? post.level)
        : null,
      link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, '原帖') : null,
    ),
    h('p', { class: 'post-text' }, post.text),
  );
}

/**
 * 事件: one incident — its level and why, how it spread hour by hour, its posts oldest first
 * (masked), the leads made from it, and 确认 / 处置 for the duty room. `#/events` without an id
 * lists the events to choose from.
 */
export function mountEvent(root, context) {
  const id = eventIdFromHash();
  return id ? mountEventDetail(root, context, id) : mountEventList(root, context);
}

function mountEventDetail(root, { api, user }, id) {
  const canAct = ACTING_ROLES.includes(user.role);
  const state = { view: null, error: '', busy: false, resolving: false, reason: '', actionError: '' };
  const section = h('section', { class: 'page event-page' });
  const layout = h('div', { class: 'leads-layout' });
  const column = h('div', { class: 'event-column' });
  const detail = createLeadDetail({
    api,
    user,
    onChange: () => load(),
    onClose: closeLead,
  });
  const path = `/api/events/${encodeURIComponent(id)}`;
  let chart = null;
  let disposed = false;
  const onResize = () => chart?.resize();

  async function load() {
    try {
      state.view = await api.get(path);
      state.error = '';
    } catch (error) {
      state.error = error.status === 404 ? '没有这个事件' : `事件加载失败：${error.message}`;
    }
    render();
  }

  async function act(action, body) {
    Object.assign(state, { busy: true, actionError: '' });
    render();
    try {
      await api.post(`${path}/${action}`, body);
      if (action === 'resolve') state.resolving = false;
      toast(action === 'ack' ? '已确认' : '已处置');
      state.busy = false;
      await load();
      section.querySelector('#event-title')?.focus();
      return;
    } catch (error) {
      state.actionError = error.message;
    }
    state.busy = false;
    render();
  }

  async function openLead(leadId) {
    try {
      detail.show(await api.get(`/api/leads/${encodeURIComponent(leadId)}`), { focus: true });
      layout.classList.add('with-detail');
    } catch (error) {
      toast(`线索详情加载失败：${error.message}`);
    }
  }

  function closeLead() {
    const leadId = detail.id;
    detail.hide();
    layout.classList.remove('with-detail');
    column.querySelector(`[data-lead="${CSS.escape(leadId ?? '')}"]`)?.focus();
  }

  function actions(event) {
    const disabled = state.busy || !canAct;
    const title = canAct ? undefined : '仅值班员或管理员可操作';
    const buttons = [];
    if (event.status === 'open')
      buttons.push(
        h(
          'button',
          { type: 'button', class: 'primary', disabled, title, onclick: () => act('ack', {}) },
          '确认',
        ),
      );
    if (event.status !== 'resolved' && !state.resolving)
      buttons.push(
        h(
          'button',
          {
            type: 'button',
            class: 'ghost',
            disabled,
            title,
            onclick: () => {
              state.resolving = true;
              render();
              section.querySelector('#event-resolve-reason')?.focus();
            },
          },
          '处置',
        ),
      );
    return buttons;
  }

  function resolveForm() {
    const input = h('input', {
      id: 'event-resolve-reason',
      required: true,
      maxlength: 500,
      value: state.reason,
      autocomplete: 'off',
      oninput: () => {
        state.reason = input.value;
      },
      onkeydown: (event) => {
        if (event.key === 'Escape') {
          state.resolving = false;
          render();
        }
      },
    });
    return h(
      'form',
      {
        class: 'inline-form',
        onsubmit: (event) => {
          event.preventDefault();
          if (input.value.trim()) act('resolve', { reason: input.value.trim() });
          else input.focus();
        },
      },
      h('label', { for: input.id }, '处置情况'),
      input,
      h('button', { type: 'submit', class: 'primary', disabled: state.busy }, '提交'),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost',
          onclick: () => {
            state.resolving = false;
            render();
          },
        },
        '取消',
      ),
    );
  }

  function leadList(leads) {
    if (!leads?.length) return h('p', { class: 'muted' }, '尚无由该事件生成的线索');
    return h(
      'ul',
      { class: 'linked-leads' },
      leads.map((lead) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'link', dataset: { lead: lead.id }, onclick: () => openLead(lead.id) },
            lead.title || '（无标题）',
          ),
          h('span', { class: `state-tag state-${lead.state}` }, LEAD_STATE_ZH[lead.state] ?? lead.state),
          h('span', { class: 'muted' }, lead.town ?? '属地未识别'),
        ),
      ),
      h('li', { class: 'muted small' }, '也可在', h('a', { href: '#/leads' }, '线索台账'), '中办理。'),
    );
  }

  function render() {
    chart?.dispose();
    chart = null;
    if (!state.view) {
      replace(
        section,
        h(
          'nav',
          { class: 'crumbs' },
          h('a', { href: '#/alerts' }, '实时预警'),
          ' / ',
          h('a', { href: '#/events' }, '事件'),
        ),
        h('h1', {}, '事件'),
        state.error
          ? h('p', { class: 'page-message', role: 'alert' }, state.error)
          : h('p', { class: 'muted' }, '加载中…'),
      );
      return;
    }
    const { event, posts, leads } = state.view;
    const spread = hourlySeries(event.hourly);
    const chartBox = h('div', {
      class: 'chart',
      role: 'img',
      'aria-label': `传播趋势（每小时帖子数）：${spread.labels.map((label, i) => `${label} ${spread.values[i]} 条`).join('，')}`,
    });
    const shown = posts?.length ?? 0;
    replace(
      section,
      h(
        'nav',
        { class: 'crumbs' },
        h('a', { href: '#/alerts' }, '实时预警'),
        ' / ',
        h('a', { href: '#/events' }, '事件'),
      ),
      h(
        'header',
        { class: `event-head level-${event.level}` },
        h('span', { class: `level-tag level-${event.level}` }, `${LEVEL_ZH[event.level] ?? event.level}预警`),
        h('h1', { id: 'event-title', tabindex: -1 }, event.title || '（无标题）'),
        h(
          'span',
          { class: `status-tag status-${event.status}` },
          EVENT_STATUS_ZH[event.status] ?? event.status,
        ),
        event.lead ? h('span', { class: 'lead-tag' }, '线索') : null,
        (event.risks ?? []).map((risk) => h('span', { class: 'warn-tag' }, RISK_ZH[risk] ?? risk)),
        h('div', { class: 'event-actions' }, actions(event)),
      ),
      canAct ? null : h('p', { class: 'muted' }, '当前角色只能查看；确认与处置由值班员或管理员操作。'),
      state.resolving ? resolveForm() : null,
      state.actionError ? h('p', { class: 'form-error', role: 'alert' }, state.actionError) : null,
      event.summary ? h('p', { class: 'event-summary-full' }, event.summary) : null,
      h(
        'div',
        { class: 'event-grid' },
        h('section', { class: 'chart-card' }, h('h2', {}, '基本情况'), facts(event)),
        h(
          'section',
          { class: 'chart-card' },
          h('h2', {}, '定级依据'),
          event.level_reasons?.length
            ? h(
                'ul',
                { class: 'plain-list level-reasons' },
                event.level_reasons.map((reason) => h('li', {}, reason)),
              )
            : h('p', { class: 'muted' }, '按帖子的最高等级定级'),
        ),
      ),
      h(
        'section',
        { class: 'chart-card' },
        h('h2', {}, '传播趋势（每小时帖子数）'),
        spread.labels.length ? chartBox : h('p', { class: 'muted' }, '暂无传播数据'),
      ),
      h(
        'section',
        { class: 'chart-card' },
        h('h2', {}, '帖子时间线（已脱敏，由早到晚）'),
        shown < (event.post_count ?? 0)
          ? h('p', { class: 'muted small' }, `共 ${event.post_count} 条，显示最近的 ${shown} 条`)
          : null,
        shown
          ? h('ol', { class: 'post-timeline', 'aria-label': '帖子时间线' }, posts.map(postItem))
          : h('p', { class: 'muted' }, '暂无帖子'),
      ),
      h('section', { class: 'chart-card' }, h('h2', {}, '关联线索'), leadList(leads)),
    );
    if (!spread.labels.length) return;
    loadECharts()
      .then((echarts) => {
        if (disposed || !chartBox.isConnected) return;
        chart = echarts.init(chartBox, null, { renderer: 'canvas' });
        chart.setOption(lineOption({ ...spread, name: '帖子数', area: true }));
      })
      .catch(() => replace(chartBox, h('p', { class: 'form-error' }, '图表组件加载失败')));
  }

  replace(column, section);
  replace(layout, column, detail.element);
  replace(root, layout);
  render();
  load();
  window.addEventListener('resize', onResize);
  return () => {
    disposed = true;
    window.removeEventListener('resize', onResize);
    chart?.dispose();
    detail.hide();
  };
}

/**
 * Lets the rows of 实时预警 open their event: a 详情 link in each row's title (for the
 * keyboard) and a click anywhere on the row that is not a button, link or field.
 */
export function withEventLinks(mount) {
  return (root, context) => {
    const undo = mount(root, context);
    const decorate = () => {
      for (const row of root.querySelectorAll('li.event[data-id]')) {
        const title = row.querySelector('.event-title');
        if (!title || title.querySelector('.detail-link')) continue;
        const name = title.querySelector('strong')?.textContent ?? '';
        title.append(
          h(
            'a',
            { href: eventHref(row.dataset.id), class: 'detail-link', 'aria-label': `查看事件详情：${name}` },
            '详情',
          ),
        );
      }
    };
    const observer = new MutationObserver(decorate);
    observer.observe(root, { childList: true, subtree: true });
    decorate();
    const onClick = (event) => {
      const row = event.target.closest('li.event[data-id]');
      if (!row || event.target.closest('a, button, input, select, textarea, label, form')) return;
      if (String(window.getSelection?.() ?? '')) return;
      location.hash = eventHref(row.dataset.id);
    };
    root.addEventListener('click', onClick);
    return () => {
      observer.disconnect();
      root.removeEventListener('click', onClick);
      undo?.();
    };
  };
}
