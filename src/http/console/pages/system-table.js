import { h } from '../dom.js';

/** A data table in its scrolling wrapper, as every 系统 section draws one. */
export function table(className, columns, body, caption) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: `data-table ${className}` },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((name) => h('th', { scope: 'col' }, name)),
        ),
      ),
      body,
    ),
  );
}

/** A row that says the table is empty, across every column. */
export function emptyRow(columns, text) {
  return h('tr', {}, h('td', { class: 'empty', colspan: columns.length }, text));
}
