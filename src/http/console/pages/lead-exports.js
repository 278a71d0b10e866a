import { h, replace, saveFile, toast } from '../dom.js';
import { dateTime, LEAD_STATE_ZH } from '../format.js';

const STATUS_ZH = { pending: '待审批', approved: '已批准', rejected: '已驳回' };
const COLUMNS = ['申请时间', '申请人', '范围', '条数', '完整信息', '事由', '状态', '操作'];

function scope(filter) {
  const parts = [filter.state ? LEAD_STATE_ZH[filter.state] : '', filter.town ?? ''].filter(Boolean);
  return parts.length ? parts.join('　') : '全部';
}

/**
 * 导出申请: bulk exports waiting for a second person. An approver (人社局, admin) sees every
 * request and approves or rejects others' pending ones; a requester downloads their own once
 * approved, within the day the approval lasts.
 */
export function createExportRequests({ api }) {
  const element = h('section', { class: 'export-requests', 'aria-label': '导出申请' });
  const state = { items: [], error: '' };

  async function load() {
    try {
      state.items = (await api.get('/api/exports')).items;
      state.error = '';
    } catch (error) {
      state.error = `导出申请加载失败：${error.message}`;
    }
    render();
  }

  async function act(item, path, body) {
    try {
      if (path === 'download') {
        saveFile(await api.postForFile(`/api/exports/${encodeURIComponent(item.id)}/download`, {}));
        toast('已下载，本次导出已记入审计');
      } else {
        await api.post(`/api/exports/${encodeURIComponent(item.id)}/${path}`, body);
        toast(path === 'approve' ? '已批准' : '已驳回');
      }
      await load();
    } catch (error) {
      state.error = error.message;
      render();
    }
  }

  function actions(item) {
    if (item.can_decide)
      return [
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            dataset: { approve: item.id },
            onclick: () => act(item, 'approve', {}),
          },
          '批准',
        ),
        h('button', { type: 'button', class: 'ghost', onclick: () => act(item, 'reject', {}) }, '驳回'),
      ];
    if (item.mine && item.status === 'approved')
      return h(
        'button',
        {
          type: 'button',
          class: 'primary',
          dataset: { download: item.id },
          onclick: () => act(item, 'download'),
        },
        '下载',
      );
    return '—';
  }

  function render() {
    if (state.items.length === 0 && !state.error) {
      element.replaceChildren();
      return;
    }
    replace(
      element,
      h('h2', {}, '导出申请'),
      state.error ? h('p', { class: 'page-message', role: 'alert' }, state.error) : null,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              COLUMNS.map((name) => h('th', { scope: 'col' }, name)),
            ),
          ),
          h(
            'tbody',
            {},
            state.items.map((item) =>
              h(
                'tr',
                {},
                h('td', {}, dateTime(item.created_at)),
                h('td', {}, item.requester.name),
                h('td', {}, scope(item.filter)),
                h('td', { class: 'num' }, item.rows),
                h('td', {}, item.unmask ? '是' : '否'),
                h('td', {}, item.reason),
                h(
                  'td',
                  {},
                  STATUS_ZH[item.status],
                  item.decision
                    ? h('div', { class: 'muted small' }, `${item.decision.by} ${dateTime(item.decision.at)}`)
                    : null,
                ),
                h('td', {}, actions(item)),
              ),
            ),
          ),
        ),
      ),
    );
  }

  return { element, load };
}
