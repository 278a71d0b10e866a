import { dateTime } from '../format.js';

/**
 * The sign-in form in index.html: username and password, then the 动态口令 field once the
 * server says this account needs one. Enter submits; errors are the server's Chinese messages.
 */
export function setupLogin(api, onSignedIn) {
  const view = document.getElementById('login-view');
  const form = document.getElementById('login-form');
  const username = form.elements.namedItem('username');
  const password = form.elements.namedItem('password');
  const totp = form.elements.namedItem('totp');
  const totpRow = document.getElementById('login-totp-row');
  const error = document.getElementById('login-error');
  const button = form.querySelector('button[type="submit"]');

  function fail(message, focus) {
    error.textContent = message;
    focus?.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    const credentials = { username: username.value.trim(), password: password.value };
    if (!credentials.username || !credentials.password)
      return fail('请填写用户名和密码', credentials.username ? password : username);
    if (!totpRow.hidden) {
      if (!/^\d{6}$/.test(totp.value.trim())) return fail('请输入 6 位数字动态口令', totp);
      credentials.totp = totp.value.trim();
    }
    error.textContent = '';
    button.disabled = true;
    button.textContent = '登录中…';
    try {
      const user = await api.login(credentials);
      password.value = '';
      totp.value = '';
      onSignedIn(user);
    } catch (failure) {
      if (failure.code === 'totp_required') {
        totpRow.hidden = false;
        fail(failure.message, totp);
      } else if (failure.code === 'bad_totp') {
        totp.value = '';
        fail(failure.message, totp);
      } else if (failure.code === 'locked' && failure.details?.locked_until) {
        fail(`${failure.message}（${dateTime(failure.details.locked_until)} 后可再试）`);
      } else {
        password.value = '';
        fail(failure.message, password);
      }
    } finally {
      button.disabled = false;
      button.textContent = '登录';
    }
  });

  return {
    show(message) {
      view.hidden = false;
      document.title = '登录 · 根治欠薪监测控制台';
      error.textContent = message ?? '';
      totpRow.hidden = true;
      (username.value ? password : username).focus();
    },
    visible: () => !view.hidden,
    hide() {
      view.hidden = true;
      error.textContent = '';
    },
  };
}
