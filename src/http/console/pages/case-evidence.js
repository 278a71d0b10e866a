import { h, saveFile, toast } from '../dom.js';

/**
 * 下载证据包 for one case: a 事由 (recorded in the audit, as the pack holds unmasked personal
 * data and the original pages) and the zip the server builds, with its SHA256SUMS inside.
 */
export function evidencePackControl(item, api) {
  const reason = h('input', {
    id: `evidence-reason-${item.id}`,
    autocomplete: 'off',
    placeholder: '导出事由（记入审计）',
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const button = h('button', { type: 'button', class: 'ghost' }, '下载');
  button.addEventListener('click', async () => {
    error.textContent = '';
    if (reason.value.trim().length < 2) {
      error.textContent = '请填写导出事由（至少两个字）';
      reason.focus();
      return;
    }
    button.disabled = true;
    try {
      saveFile(
        await api.postForFile(`/api/cases/${encodeURIComponent(item.id)}/evidence-pack`, {
          reason: reason.value.trim(),
        }),
      );
      toast('证据包已下载，本次导出已记入审计');
    } catch (failure) {
      error.textContent = failure.message;
    }
    button.disabled = false;
  });
  reason.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') button.click();
  });
  return h(
    'details',
    { class: 'evidence-pack' },
    h('summary', {}, '下载证据包'),
    h('label', { for: reason.id }, '导出事由'),
    reason,
    button,
    error,
  );
}
