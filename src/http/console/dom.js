/**
 * `h('button', {class: 'primary', onclick}, '确认')`: builds elements from data without ever
 * parsing it as HTML, so nothing a post or a complainant wrote can run in the console.
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function')
      element.addEventListener(key.slice(2), value);
    else if (key === 'value') element.value = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces everything inside `element` with `children`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let toastTimer = 0;

/** A short message at the bottom of the screen, gone after a few seconds. */
export function toast(message) {
  const box = document.getElementById('toast');
  if (!box) return;
  box.textContent = message;
  box.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove('show'), 3000);
}

/** A labelled field for the small forms: text (default), number, date, select, textarea or a group of check boxes. */
export function field({ name, label, type = 'text', required = true, options, list, value, hint, step }) {
  const id = `f-${name}-${Math.random().toString(36).slice(2, 8)}`;
  const common = { id, name, required, 'aria-describedby': hint ? `${id}-hint` : undefined };
  let control;
  if (type === 'checks') {
    // A group of boxes: the fieldset's legend labels it, each box its own option.
    const ticked = new Set(value ?? []);
    return h(
      'fieldset',
      { class: 'field checks' },
      h('legend', {}, label),
      options.map(([optionValue, text]) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name, value: optionValue, checked: ticked.has(optionValue) }),
          text,
        ),
      ),
      hint ? h('small', { class: 'muted' }, hint) : null,
    );
  }
  if (type === 'select') {
    control = h(
      'select',
      common,
      options.map(([optionValue, text]) => h('option', { value: optionValue }, text)),
    );
    if (value !== undefined && value !== null) control.value = value;
  } else {
    control = h('input', {
      ...common,
      type,
      list,
      value,
      min: type === 'number' ? 0 : undefined,
      step: type === 'number' ? (step ?? 'any') : undefined,
      maxlength: type === 'text' ? 2000 : undefined,
      autocomplete: 'off',
    });
  }
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label, required ? '' : '（选填）'),
    control,
    hint ? h('small', { id: `${id}-hint`, class: 'muted' }, hint) : null,
  );
}

/** Hands a downloaded file to the browser as if a link to it had been clicked. */
export function saveFile({ blob, filename }) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
