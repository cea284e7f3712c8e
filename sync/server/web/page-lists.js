// 公示名单: each published list on screen, downloadable as CSV and XLSX (the CLI's exporter).
import { api } from './api.js';
import { h, table, num } from './dom.js';
import { LISTS, PUBLICATION_STATE } from './labels.js';

/// The live list against its latest published batch (分批公布): 未发布, 已公布 or 已变化.
async function publicationMark(name) {
  if (!['yellow', 'red', 'completed'].includes(name)) return null; // lists not published in batches
  const { lists } = await api('GET', '/api/v1/web/publications');
  const l = lists.find((x) => x.name === name);
  if (!l) return null;
  const text = l.state === 'changed' ? `${PUBLICATION_STATE.changed}（第 ${l.latest_batch} 批之后）` : PUBLICATION_STATE[l.state];
  return h('a', { href: '#/publications', class: `badge pub-${l.state}`, id: 'list-publication', 'data-state': l.state }, text);
}

export async function listsPage(name = 'plan') {
  if (!LISTS[name]) name = 'plan';
  const [list, mark] = await Promise.all([api('GET', `/api/v1/web/lists/${encodeURIComponent(name)}`), publicationMark(name)]);
  const tabs = Object.entries(LISTS).map(([n, title]) =>
    h('a', { href: `#/lists/${n}`, class: n === name ? 'tab active' : 'tab', 'data-list': n }, title));
  return h('section', { id: 'lists-page' },
    h('h1', {}, list.title, h('small', {}, `${list.rows.length} 行`), mark ? [' ', mark] : null),
    h('nav', { class: 'tabs' }, tabs),
    h('p', { class: 'actions' },
      h('a', { href: `/api/v1/web/lists/${name}.csv`, class: 'button', id: 'download-csv', download: `${name}.csv` }, '下载 CSV'),
      h('a', { href: `/api/v1/web/lists/${name}.xlsx`, class: 'button', id: 'download-xlsx', download: `${name}.xlsx` }, '下载 Excel (XLSX)'),
      h('span', { class: 'muted' }, 'CSV 为带 BOM 的 UTF-8，可直接用 Excel 打开；与政府网站公示格式一致。')),
    list.rows.length === 0 ? h('p', { class: 'muted' }, '名单为空。') :
      table(list.headers, list.rows.map((r) => r.map((c) => (typeof c === 'number' ? num(c, 3) : c))),
        { class: 'data', id: 'list-table' }));
}
