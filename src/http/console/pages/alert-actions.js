import { toast } from '../dom.js';
import { dateTime } from '../format.js';
import { formFocusKey } from './event-row.js';

/**
 * What the buttons and forms of a 实时预警 row do: 确认, 处置, 升级 and 静默, each through the
 * API, with the row busy meanwhile and the server's message shown on the row when refused.
 */
export function createRowHandlers({ api, row, render, silences }) {
  async function busyWith(item, work) {
    row.busy = item.id;
    row.errors.delete(item.id);
    render();
    try {
      await work();
    } catch (error) {
      row.errors.set(item.id, error.message);
    }
    row.busy = null;
    render();
  }

  const act = (item, action, body) =>
    busyWith(item, async () => {
      const result = await api.post(`/api/events/${encodeURIComponent(item.id)}/${action}`, body);
      if (action === 'escalate')
        toast(result.changed ? `已升级：第 ${result.step} 步提醒立即发出` : '升级提醒正在发送，请稍候');
      else Object.assign(item, { status: result.status, fresh: false });
      if (action !== 'ack') row.form = null;
    });

  return {
    ack: (item) => act(item, 'ack', {}),
    openForm: (item, kind) => {
      Object.assign(row, { form: { id: item.id, kind }, reason: '', duration: 60 });
      render(formFocusKey(item, kind));
    },
    closeForm: (item) => {
      const kind = row.form?.kind;
      row.form = null;
      render(`${item.id}:${kind}`);
    },
    resolve: (item, reason) => act(item, 'resolve', { reason }),
    escalate: (item, reason) => act(item, 'escalate', { reason }),
    silence: (item, body) =>
      busyWith(item, async () => {
        const made = await api.post('/api/silences', { event_id: item.id, ...body });
        row.form = null;
        toast(`已静默至 ${dateTime(made.ends_at)}`);
        await silences?.load();
      }),
    typing: (text) => {
      row.reason = text;
    },
    choose: (minutes) => {
      row.duration = minutes;
    },
  };
}
