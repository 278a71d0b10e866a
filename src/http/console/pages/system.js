import { h, replace } from '../dom.js';
import { mountAccounts } from './system-accounts.js';
import { mountOncall } from './system-oncall.js';
import { mountRules } from './system-rules.js';
import { mountSources } from './system-sources.js';

/** Each section, who may open it (the server's rule), and what draws it. */
const SECTIONS = [
  { key: 'accounts', label: '账号与审计', roles: ['admin'], mount: mountAccounts },
  { key: 'sources', label: '数据源', roles: ['admin', 'monitor'], mount: mountSources },
  { key: 'rules', label: '规则', roles: ['admin', 'monitor', 'hr'], mount: mountRules },
  { key: 'oncall', label: '值班表', roles: ['admin', 'monitor'], mount: mountOncall },
];
/** Who may open 系统 at all: whoever may open one of its sections. */
export const SYSTEM_ROLES = [...new Set(SECTIONS.flatMap((section) => section.roles))];

/**
 * 系统: accounts and the audit log, sources and their health, the rule set with its backtest,
 * and the on-call roster, each section for the roles the server lets read it. The open section
 * is kept in the address (`#/system/rules`) without reloading the page.
 */
export function mountSystem(root, { api, user }) {
  const sections = SECTIONS.filter((section) => section.roles.includes(user.role));
  if (sections.length === 0) {
    replace(
      root,
      h(
        'section',
        { class: 'page' },
        h('h1', {}, '系统'),
        h('p', { class: 'muted' }, '当前角色无权查看系统页面。'),
      ),
    );
    return null;
  }
  const tabs = h('div', { class: 'segmented', role: 'group', 'aria-label': '系统页面分区' });
  const body = h('div', { class: 'system-body' });
  const wanted = location.hash.split('/')[2];
  let open = sections.find((section) => section.key === wanted) ?? sections[0];

  function show(section, focus) {
    open = section;
    history.replaceState(null, '', `#/system/${section.key}`);
    replace(
      tabs,
      sections.map((s) =>
        h(
          'button',
          {
            type: 'button',
            class: s === open ? 'primary' : 'ghost',
            'aria-pressed': String(s === open),
            'aria-controls': 'system-body',
            dataset: { section: s.key },
            onclick: () => show(s, true),
          },
          s.label,
        ),
      ),
    );
    body.replaceChildren();
    section.mount(body, { api, user });
    if (focus) tabs.querySelector(`[data-section="${section.key}"]`)?.focus();
  }

  body.id = 'system-body';
  replace(
    root,
    h('section', { class: 'page' }, h('header', { class: 'page-head' }, h('h1', {}, '系统'), tabs), body),
  );
  show(open, false);
  return null;
}
