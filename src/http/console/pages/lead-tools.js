import { h, replace, saveFile, toast } from '../dom.js';

const ORGANIZERS = ['admin', 'hr'];
const EXPORTERS = ['admin', 'hr', 'unit'];

/**
 * The ledger's toolbar: 批量分派 of the ticked leads (HR bureau, admin) and 导出 XLSX of what the
 * filters select (with a 事由, optionally unmasked). An export the server says is too large for
 * one person becomes an 导出申请 for a second person to approve.
 */
export function createLeadTools({ api, user, filter, selected, onAssigned, onRequested }) {
  const element = h('div', { class: 'ledger-tools' });
  const message = h('p', { role: 'status' });
  /** A refusal in the alert colour, anything else as a plain notice. */
  const say = (text, ok = false) => {
    message.textContent = text;
    message.className = text ? (ok ? 'notice' : 'page-message') : '';
  };
  const state = { busy: false, pendingExport: null };

  const town = h('input', {
    id: 'bulk-town',
    list: 'known-towns',
    autocomplete: 'off',
    placeholder: '乡镇（街道、园区）',
  });
  const assignButton = h('button', { type: 'button', class: 'primary', id: 'bulk-assign', onclick: assign });
  const reason = h('input', {
    id: 'export-reason',
    autocomplete: 'off',
    placeholder: '导出事由（记入审计）',
  });
  const unmask = h('input', { type: 'checkbox', id: 'export-unmask' });
  const exportButton = h(
    'button',
    { type: 'button', class: 'ghost', id: 'export-xlsx', onclick: exportXlsx },
    '导出 XLSX',
  );

  async function assign() {
    const ids = selected();
    if (ids.length === 0 || !town.value.trim()) {
      say('请先勾选线索并填写要分派的乡镇');
      return;
    }
    state.busy = true;
    render();
    try {
      const result = await api.post('/api/leads/bulk-assign', { ids, town: town.value.trim() });
      const failures = result.results.filter((r) => !r.ok).map((r) => `${r.id}：${r.message}`);
      say(failures.length ? `未分派 ${failures.length} 条：${failures.join('；')}` : '');
      toast(`已分派 ${result.assigned} 条${result.failed ? `，${result.failed} 条未分派` : ''}`);
      onAssigned();
    } catch (error) {
      say(`批量分派失败：${error.message}`);
    }
    state.busy = false;
    render();
  }

  function exportBody() {
    return { ...filter(), unmask: unmask.checked, reason: reason.value.trim() };
  }

  async function exportXlsx() {
    if (reason.value.trim().length < 2) {
      say('请填写导出事由（至少两个字）');
      reason.focus();
      return;
    }
    state.busy = true;
    state.pendingExport = null;
    render();
    try {
      saveFile(await api.postForFile('/api/leads/export', exportBody()));
      say('');
      toast('已导出，本次导出已记入审计');
    } catch (error) {
      say(error.message);
      if (error.code === 'approval_required') state.pendingExport = exportBody();
    }
    state.busy = false;
    render();
  }

  async function requestApproval() {
    try {
      await api.post('/api/exports', state.pendingExport);
      state.pendingExport = null;
      say('导出申请已提交，待另一位人社局工作人员或管理员批准后可在「导出申请」中下载', true);
      onRequested();
    } catch (error) {
      say(`提交导出申请失败：${error.message}`);
    }
    render();
  }

  function render() {
    const count = selected().length;
    replace(assignButton, state.busy ? '处理中…' : `批量分派（已选 ${count} 条）`);
    assignButton.disabled = state.busy;
    exportButton.disabled = state.busy;
    replace(
      element,
      ORGANIZERS.includes(user.role)
        ? h('div', { class: 'filters' }, h('label', { for: 'bulk-town' }, '分派至'), town, assignButton)
        : null,
      EXPORTERS.includes(user.role)
        ? h(
            'div',
            { class: 'filters' },
            h('label', { for: 'export-reason' }, '导出'),
            reason,
            h('label', { class: 'check', for: 'export-unmask' }, unmask, '含完整个人信息'),
            exportButton,
            state.pendingExport
              ? h(
                  'button',
                  { type: 'button', class: 'primary', id: 'export-request', onclick: requestApproval },
                  '提交导出申请',
                )
              : null,
          )
        : null,
      message,
    );
  }

  render();
  return { element, render };
}
