// 公示名单: each published list on screen, downloadable as CSV and XLSX (the CLI's exporter).
import { api } from './api.js';
import { h, table, num } from './dom.js';
import { LISTS } from './labels.js';

export async function listsPage(name = 'plan') {
  if (!LISTS[name]) name = 'plan';
  const list = await api('GET', `/api/v1/web/lists/${encodeURIComponent(name)}`);
  const tabs = Object.entries(LISTS).map(([n, title]) =>
    h('a', { href: `#/lists/${n}`, class: n === name ? 'tab active' : 'tab', 'data-list': n }, title));
  return h('section', { id: 'lists-page' },
    h('h1', {}, list.title, h('small', {}, `${list.rows.length} 行`)),
    h('nav', { class: 'tabs' }, tabs),
    h('p', { class: 'actions' },
      h('a', { href: `/api/v1/web/lists/${name}.csv`, class: 'button', id: 'download-csv', download: `${name}.csv` }, '下载 CSV'),
      h('a', { href: `/api/v1/web/lists/${name}.xlsx`, class: 'button', id: 'download-xlsx', download: `${name}.xlsx` }, '下载 Excel (XLSX)'),
      h('span', { class: 'muted' }, 'CSV 为带 BOM 的 UTF-8，可直接用 Excel 打开；与政府网站公示格式一致。')),
    list.rows.length === 0 ? h('p', { class: 'muted' }, '名单为空。') :
      table(list.headers, list.rows.map((r) => r.map((c) => (typeof c === 'number' ? num(c, 3) : c))),
        { class: 'data', id: 'list-table' }));
}
