import { createAlertFeed, FEED_STATUS_ZH } from './alert-feed.js';
import { createApi } from './api.js';
import { unlockAudio } from './beep.js';
import { toast } from './dom.js';
import { ROLE_ZH } from './format.js';
import { mountAlerts } from './pages/alerts.js';
import { mountClearance } from './pages/clearance.js';
import { mountLeads } from './pages/leads.js';
import { setupLogin } from './pages/login.js';

/** Each page mounts into <main> and returns what undoes it (timers, listeners, charts). */
const ROUTES = {
  alerts: { title: '实时预警', mount: mountAlerts },
  leads: { title: '线索台账', mount: mountLeads },
  clearance: { title: '清零进度', mount: mountClearance },
};
/** Who may watch events and the live stream (the server's rule; a unit works its leads). */
const WATCHERS = ['admin', 'monitor', 'hr', 'police'];

const main = document.getElementById('main');
const shell = document.getElementById('shell');
const badge = document.getElementById('alert-badge');
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

function render() {
  if (!user) return;
  const name = routeName();
  if (!name) {
    location.replace(WATCHERS.includes(user.role) ? '#/alerts' : '#/leads');
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
  const watcher = WATCHERS.includes(user.role);
  unmount = ROUTES[name].mount(main, { api, user, feed, watcher }) ?? null;
}

function signIn(person) {
  user = person;
  document.getElementById('who-name').textContent = person.display_name;
  document.getElementById('who-role').textContent = [ROLE_ZH[person.role] ?? person.role, person.unit]
    .filter(Boolean)
    .join(' · ');
  login.hide();
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
