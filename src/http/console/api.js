/** The API's one error shape, `{code, message, details?}`, as something to throw and show. */
export class ApiError extends Error {
  constructor(status, body) {
    super(messageFor(status, body));
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? `http_${status}`;
    this.details = body?.details;
  }
}

function messageFor(status, body) {
  if (body && typeof body.message === 'string' && body.code) return body.message;
  if (status === 0) return '无法连接服务器，请检查网络后重试';
  if (status === 404) return '该功能的接口尚未提供';
  if (status >= 500) return '服务器内部错误，请稍后重试';
  return `请求失败（${status}）`;
}

/**
 * The console's only way to the server: JSON in and out, the session cookie sent along, the
 * CSRF token on every POST (fetched again once if the server says it went stale), and a call to
 * `onSignedOut` when a request finds the session gone.
 */
export function createApi({ onSignedOut }) {
  let csrf = '';

  async function send(method, path, body, { file = false } = {}) {
    const headers = { accept: 'application/json' };
    const init = { method, headers, credentials: 'same-origin' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (csrf) headers['x-csrf-token'] = csrf;
      init.body = JSON.stringify(body ?? {});
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch {
      throw new ApiError(0, null);
    }
    if (response.ok && file) return { blob: await response.blob(), filename: filenameOf(response) };
    const data = await response.json().catch(() => null);
    if (response.ok) return data;
    throw new ApiError(response.status, data);
  }

  async function request(method, path, body, options) {
    try {
      return await send(method, path, body, options);
    } catch (error) {
      if (error.code === 'csrf') {
        await me();
        return send(method, path, body, options);
      }
      if (error.status === 401 && path !== '/api/login') onSignedOut();
      throw error;
    }
  }

  /** The signed-in person, or null; refreshes the CSRF token. */
  async function me() {
    try {
      const result = await send('GET', '/api/me');
      csrf = result.csrf;
      return result.user;
    } catch (error) {
      if (error.status === 401) return null;
      throw error;
    }
  }

  return {
    me,
    async login(credentials) {
      const result = await send('POST', '/api/login', credentials);
      csrf = result.csrf;
      return result.user;
    },
    async logout() {
      try {
        await send('POST', '/api/logout', {});
      } finally {
        csrf = '';
      }
    },
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    /** A POST whose answer is a file (an export): `{blob, filename}`, or the API's error thrown. */
    postForFile: (path, body) => request('POST', path, body, { file: true }),
  };
}

/** The name the server gives a download (`filename*=UTF-8''…` first, as it carries Chinese). */
function filenameOf(response) {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) return decodeURIComponent(encoded[1]);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? 'download';
}

/** `/api/leads?state=new&page=2`, leaving out empty values. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== '' && value !== null && value !== undefined) query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
