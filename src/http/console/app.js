import { createAlertFeed, FEED_STATUS_ZH } from './alert-feed.js';
import { createApi } from './api.js';
import { unlockAudio } from './beep.js';
import { h, toast } from './dom.js';
import { ROLE_ZH } from './format.js';
import { mountAlerts } from './pages/alerts.js';
import { CASE_ROLES, mountCases } from './pages/cases.js';
import { mountClearance } from './pages/clearance.js';
import { mountEvent, withEventLinks } from './pages/event.js';
import { mountLeads } from './pages/leads.js';
import { setupLogin } from './pages/login.js';
import { mountSearch } from './pages/search.js';
import { mountStats } from './pages/stats.js';
import { mountSystem, SYSTEM_ROLES } from './pages/system.js';

/** Each page mounts into <main> and returns what undoes it (timers, listeners, charts). */
const ROUTES = {
  alerts: { title: '实时预警', mount: withEventLinks(mountAlerts) },
  leads: { title: '线索台账', mount: mountLeads },
  clearance: { title: '清零进度', mount: mountClearance },
  search: { title: '舆情检索', mount: mountSearch, watchersOnly: true },
  events: { title: '事件', mount: mountEvent, watchersOnly: true },
  cases: { title: '案件研判', mount: mountCases, roles: CASE_ROLES },
  stats: { title: '统计', mount: mountStats, watchersOnly: true },
  system: { title: '系统', mount: mountSystem, roles: SYSTEM_ROLES },
};
/** Who may watch events and the live stream (the server's rule; a unit works its leads). */
const WATCHERS = ['admin', 'monitor', 'hr', 'police'];

const main = document.getElementById('main');
const shell = document.getElementById('shell');
const badge = document.getElementById('alert-badge');
const searchLink = [...document.querySelectorAll('.sidenav a')].find((link) =>
  link.textContent.trim().startsWith('舆情检索'),
);
/** The nav entries of 事件, 案件研判, 统计 and 系统, as index.html has them (disabled, 建设中). */
const pageLinks = ['events', 'cases', 'stats', 'system'].map((route) => {
  const label = ROUTES[route].title;
  const link = [...document.querySelectorAll('.sidenav a')].find(
    (a) => a.textContent.trim().split(/\s/)[0] === label,
  );
  return {
    route,
    label,
    link,
    original: link ? [...link.childNodes].map((node) => node.cloneNode(true)) : [],
  };
});
const feed = createAlertFeed();
const api = createApi({ onSignedOut: () => signOut('登录已过期，请重新登录') });
const login = setupLogin(api, signIn);
let user = null;
let unmount = null;
let unseen = 0;

function routeName() {
  const name = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return Object.hasOwn(ROUTES, name) ? name : null;
}

function showBadge() {
  badge.hidden = unseen === 0;
  badge.textContent = unseen > 99 ? '99+' : String(unseen);
}

/** 舆情检索 is for the watchers (the server answers a unit 403): a link for them, 建设中 for the rest. */
function showSearchLink(enabled) {
  if (!searchLink) return;
  if (enabled) {
    searchLink.setAttribute('href', '#/search');
    searchLink.dataset.route = 'search';
    searchLink.removeAttribute('aria-disabled');
    searchLink.classList.remove('disabled');
    searchLink.replaceChildren('舆情检索');
  } else {
    searchLink.removeAttribute('href');
    searchLink.removeAttribute('data-route');
    searchLink.removeAttribute('aria-current');
    searchLink.setAttribute('aria-disabled', 'true');
    searchLink.classList.add('disabled');
    searchLink.replaceChildren('舆情检索 ', h('span', { class: 'soon' }, '建设中'));
  }
}

/** Whether this person may open a page: its own roles if it names them, else watchers or everyone. */
function mayOpen(route, role) {
  if (route.roles) return route.roles.includes(role);
  return !route.watchersOnly || WATCHERS.includes(role);
}

/**
 * 事件, 案件研判, 统计 and 系统 as links for whoever may open them; for anyone else the entry is
 * hidden (and put back as index.html has it), so no one is offered a page the server refuses.
 */
function showPageLinks(role) {
  for (const { route, label, link, original } of pageLinks) {
    if (!link) continue;
    const enabled = role !== null && mayOpen(ROUTES[route], role);
    link.parentElement.hidden = role !== null && !enabled;
    if (enabled) {
      link.setAttribute('href', `#/${route}`);
      link.dataset.route = route;
      link.removeAttribute('aria-disabled');
      link.classList.remove('disabled');
      link.replaceChildren(label);
    } else {
      link.removeAttribute('href');
      link.removeAttribute('data-route');
      link.removeAttribute('aria-current');
      link.setAttribute('aria-disabled', 'true');
      link.classList.add('disabled');
      link.replaceChildren(...original.map((node) => node.cloneNode(true)));
    }
  }
}

function render() {
  if (!user) return;
  const name = routeName();
  const watcher = WATCHERS.includes(user.role);
  if (!name || !mayOpen(ROUTES[name], user.role)) {
    location.replace(watcher ? '#/alerts' : '#/leads');
    return;
  }
  unmount?.();
  main.replaceChildren();
  for (const link of document.querySelectorAll('[data-route]')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (name === 'alerts') {
    unseen = 0;
    showBadge();
  }
  document.title = `${ROUTES[name].title} · 根治欠薪监测控制台`;
  unmount = ROUTES[name].mount(main, { api, user, feed, watcher }) ?? null;
}

function signIn(person) {
  user = person;
  document.getElementById('who-name').textContent = person.display_name;
  document.getElementById('who-role').textContent = [ROLE_ZH[person.role] ?? person.role, person.unit]
    .filter(Boolean)
    .join(' · ');
  login.hide();
  showSearchLink(WATCHERS.includes(person.role));
  showPageLinks(person.role);
  shell.hidden = false;
  if (WATCHERS.includes(person.role)) feed.start();
  render();
}

function signOut(message) {
  if (!user && login.visible()) return;
  user = null;
  unmount?.();
  unmount = null;
  feed.stop();
  showSearchLink(false);
  showPageLinks(null);
  unseen = 0;
  showBadge();
  main.replaceChildren();
  document.getElementById('toast').classList.remove('show');
  shell.hidden = true;
  login.show(message);
}

feed.onStatus((status) => {
  document.getElementById('feed-status').textContent = FEED_STATUS_ZH[status] ?? '';
});
feed.subscribe((alert) => {
  if (!alert || routeName() === 'alerts') return;
  unseen += 1;
  showBadge();
  if (alert.level === 'red') toast(`红色预警：${alert.title}`);
});

window.addEventListener('hashchange', () => {
  render();
  main.focus({ preventScroll: true });
});
document.getElementById('logout').addEventListener('click', async () => {
  await api.logout().catch(() => undefined);
  signOut('已退出登录');
});
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
// Browsers allow sound only after a gesture; any click or key press counts.
document.addEventListener('pointerdown', unlockAudio);
document.addEventListener('keydown', unlockAudio);

api
  .me()
  .then((person) => (person ? signIn(person) : signOut('')))
  .catch((error) => signOut(error.message));
