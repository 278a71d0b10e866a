import { beep } from './beep.js';

const RETRY_MIN_MS = 5_000;
const RETRY_MAX_MS = 60_000;
const KEEP = 50;

/**
 * The live alerts from `/api/alerts/stream`, for the whole signed-in session (a red alert beeps
 * on every page, not only on 实时预警). The browser's EventSource reconnects by itself after a
 * dropped connection; when the server refuses the stream outright we try again with backoff.
 */
export function createAlertFeed() {
  const listeners = new Set();
  const statusListeners = new Set();
  const seen = new Set();
  const recent = [];
  let source = null;
  let retryTimer = 0;
  let retryMs = RETRY_MIN_MS;
  let status = 'idle';
  let droppedSince = false;

  function setStatus(next) {
    status = next;
    for (const listener of statusListeners) listener(next);
  }

  function receive(message) {
    let alert;
    try {
      alert = JSON.parse(message.data);
    } catch {
      return;
    }
    if (!alert?.event_id || (alert.key && seen.has(alert.key))) return;
    if (alert.key) seen.add(alert.key);
    if (seen.size > 2_000) seen.delete(seen.values().next().value);
    const entry = { ...alert, received_at: Date.now() };
    recent.unshift(entry);
    recent.splice(KEEP);
    if (alert.level === 'red') beep();
    for (const listener of listeners) listener(entry, { resync: false });
  }

  function connect() {
    clearTimeout(retryTimer);
    source = new EventSource('/api/alerts/stream');
    setStatus('connecting');
    source.addEventListener('open', () => {
      retryMs = RETRY_MIN_MS;
      setStatus('live');
      // Alerts sent while the connection was down are missed: the pages reload their lists.
      if (droppedSince) for (const listener of listeners) listener(null, { resync: true });
      droppedSince = false;
    });
    source.addEventListener('alert', receive);
    source.addEventListener('error', () => {
      droppedSince = true;
      if (source?.readyState === EventSource.CLOSED) {
        source.close();
        setStatus('down');
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      } else {
        setStatus('reconnecting');
      }
    });
  }

  return {
    start() {
      if (!source) connect();
    },
    stop() {
      clearTimeout(retryTimer);
      source?.close();
      source = null;
      recent.length = 0;
      seen.clear();
      setStatus('idle');
    },
    get status() {
      return status;
    },
    /** The latest alerts, newest first, so a page opened later can still pin them. */
    recent: () => [...recent],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}

export const FEED_STATUS_ZH = {
  idle: '',
  connecting: '实时推送：连接中…',
  live: '实时推送：已连接',
  reconnecting: '实时推送：重新连接中…',
  down: '实时推送：暂不可用，稍后自动重试',
};
