import { withQuery } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, ROLE_ZH } from '../format.js';
import { table } from './system-table.js';

const TARGET_KINDS = [
  ['', '全部'],
  ['account', '账号'],
  ['lead', '线索'],
  ['event', '事件'],
  ['police-case', '案件'],
  ['report', '报告'],
  ['report-run', '报告生成'],
  ['silence', '预警静默'],
  ['api-token', '接口令牌'],
  ['posts', '帖子留存'],
  ['rules', '规则'],
  ['lead-export', '台账导出'],
];
const KIND_ZH = Object.fromEntries(TARGET_KINDS.filter(([kind]) => kind));
const ACTION_ZH = {
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出登录',
  'user.create': '新建账号',
  'user.passwd': '重设密码',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.totp-reset': '换发动态口令',
  'user.lock': '账号锁定',
  'lead.create': '新建线索',
  'lead.merge': '合并来件',
  'lead.merge_in': '并入线索',
  'lead.merged_into': '已并入其他线索',
  'lead.export': '导出台账',
  'export.request': '申请批量导出',
  'export.approve': '批准导出',
  'export.reject': '驳回导出',
  'event.escalate': '升级事件',
  'lead.unmask': '查看完整信息',
  'lead.split': '拆分线索',
  'lead.split_off': '拆出线索',
  'lead.supervise': '督办',
  'lead.assign': '分派',
  'lead.forward': '转办',
  'lead.sign': '签收',
  'lead.return': '退回',
  'lead.verify': '核实',
  'lead.unfound': '不属实',
  'lead.resolve': '解决',
  'lead.follow_up': '回访',
  'lead.close': '办结',
  'lead.reopen': '重新办理',
  'event.acknowledge': '确认事件',
  'event.resolve': '处置事件',
  'case.flag': '标记案件',
  'case.reflag': '案件新增依据',
  'case.decide': '案件研判',
  'case.export': '导出证据包',
  'report.generate': '生成报告',
  'report.download': '下载报告',
  'silence.add': '新增静默',
  'silence.end': '结束静默',
  'token.create': '新建接口令牌',
  'token.revoke': '吊销接口令牌',
  retention: '过期数据清理',
  'rules.backtest': '规则回测',
};
const LIMITS = ['50', '200', '1000'];
const USER_COLUMNS = ['用户名', '姓名', '角色', '单位', '状态', '动态口令'];
const AUDIT_COLUMNS = ['时间', '操作人', '操作', '对象', '事由'];

function accountState(user) {
  if (user.disabled) return h('span', { class: 'bad-tag' }, '已停用');
  if (user.locked_until) return h('span', { class: 'warn-tag' }, `锁定至 ${dateTime(user.locked_until)}`);
  return h('span', { class: 'good-tag' }, '正常');
}

/**
 * 系统 · 账号与审计 (the admin only): the accounts as the server keeps them (no password or
 * secret ever leaves it) and the audit log, filtered by kind, actor or object. Read only:
 * accounts are managed with `wagewatch user …`, and nothing anywhere changes or deletes an
 * audit entry.
 */
export function mountAccounts(root, { api }) {
  const usersBody = h('tbody');
  const auditBody = h('tbody');
  const usersMessage = h('p', { class: 'page-message', role: 'alert' });
  const auditMessage = h('p', { class: 'page-message', role: 'alert' });
  const auditSummary = h('p', { class: 'muted small', role: 'status' });
  const kindSelect = h(
    'select',
    { id: 'audit-kind', name: 'target_kind' },
    TARGET_KINDS.map(([value, label]) => h('option', { value }, label)),
  );
  const actorInput = h('input', { id: 'audit-actor', name: 'actor', maxlength: 80, autocomplete: 'off' });
  const targetInput = h('input', {
    id: 'audit-target',
    name: 'target_id',
    maxlength: 200,
    autocomplete: 'off',
  });
  const limitSelect = h(
    'select',
    { id: 'audit-limit', name: 'limit' },
    LIMITS.map((value) => h('option', { value }, `${value} 条`)),
  );
  limitSelect.value = '200';
  let asked = 0;

  async function loadUsers() {
    try {
      const { items } = await api.get('/api/users');
      usersMessage.textContent = '';
      replace(
        usersBody,
        items.map((account) =>
          h(
            'tr',
            { class: account.disabled ? 'disabled-row' : '' },
            h('td', { class: 'mono' }, account.username),
            h('td', {}, account.display_name),
            h('td', {}, ROLE_ZH[account.role] ?? account.role),
            h('td', {}, account.unit ?? '—'),
            h('td', {}, accountState(account)),
            h('td', {}, account.totp ? '已启用' : '未启用'),
          ),
        ),
        items.length === 0
          ? h('tr', {}, h('td', { class: 'empty', colspan: USER_COLUMNS.length }, '暂无账号'))
          : null,
      );
    } catch (error) {
      usersMessage.textContent = `账号列表加载失败：${error.message}`;
    }
  }

  async function loadAudit() {
    const query = {
      target_kind: kindSelect.value,
      actor: actorInput.value.trim(),
      target_id: targetInput.value.trim(),
      limit: limitSelect.value,
    };
    const ticket = ++asked;
    auditSummary.textContent = '正在查询…';
    try {
      const { items } = await api.get(withQuery('/api/audit', query));
      if (ticket !== asked) return;
      auditMessage.textContent = '';
      // Newest first: the server answers in the order the entries were written.
      const rows = [...items]; // the server lists newest first
      auditSummary.textContent = `共 ${rows.length} 条${rows.length >= Number(query.limit) ? `（已达 ${query.limit} 条上限：只列出最近的 ${query.limit} 条，更早的记录请缩小筛选范围或调高上限）` : ''}`;
      replace(
        auditBody,
        rows.map((entry) =>
          h(
            'tr',
            { dataset: { action: entry.action } },
            h('td', { class: 'nowrap' }, dateTime(entry.at)),
            h('td', {}, entry.actor),
            h(
              'td',
              {},
              ACTION_ZH[entry.action] ?? entry.action,
              h('div', { class: 'mono muted small' }, entry.action),
            ),
            h(
              'td',
              {},
              KIND_ZH[entry.target_kind] ?? entry.target_kind,
              h('div', { class: 'mono muted small wrap' }, entry.target_id),
            ),
            h('td', {}, entry.reason || '—'),
          ),
        ),
        rows.length === 0
          ? h('tr', {}, h('td', { class: 'empty', colspan: AUDIT_COLUMNS.length }, '没有符合条件的审计记录'))
          : null,
      );
    } catch (error) {
      if (ticket !== asked) return;
      auditSummary.textContent = '';
      auditMessage.textContent = `审计日志加载失败：${error.message}`;
    }
  }

  const filters = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': '审计日志筛选',
      onsubmit: (event) => {
        event.preventDefault();
        loadAudit();
      },
    },
    h('label', { for: 'audit-kind' }, '对象类型'),
    kindSelect,
    h('label', { for: 'audit-actor' }, '操作人'),
    actorInput,
    h('label', { for: 'audit-target' }, '对象编号'),
    targetInput,
    h('label', { for: 'audit-limit' }, '最多'),
    limitSelect,
    h('button', { type: 'submit', class: 'primary' }, '查询'),
    h(
      'button',
      {
        type: 'button',
        class: 'ghost',
        onclick: () => {
          kindSelect.value = '';
          actorInput.value = '';
          targetInput.value = '';
          limitSelect.value = '200';
          loadAudit();
        },
      },
      '重置',
    ),
  );

  replace(
    root,
    h(
      'section',
      { class: 'system-section' },
      h('h2', {}, '账号'),
      h(
        'p',
        { class: 'notice' },
        '本页只读。账号请用命令行管理：wagewatch user add|passwd|disable|enable|totp-reset …（操作记入审计）',
      ),
      usersMessage,
      table('users-table', USER_COLUMNS, usersBody),
    ),
    h(
      'section',
      { class: 'system-section' },
      h('h2', {}, '审计日志'),
      h('p', { class: 'muted small' }, '审计日志只读，任何人都不能修改或删除；按时间由近到远排列。'),
      filters,
      auditMessage,
      auditSummary,
      table('audit-table', AUDIT_COLUMNS, auditBody),
    ),
  );
  loadUsers();
  loadAudit();
  return null;
}
