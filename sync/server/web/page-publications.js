// 分批公布: the lists published in numbered batches (第一批黄牌企业名单 …), each batch frozen as
// published and downloadable later byte for byte, with what it changed since the batch before;
// the live list marked 未发布 or 已变化 against its latest batch (issue 14 item 4).
import { api, describe } from './api.js';
import { h, table, time, num, busy, confirmAction, notify } from './dom.js';
import { LISTS, PUBLICATION_STATE } from './labels.js';

function stateBadge(l) {
  const text = l.state === 'changed' ? `${PUBLICATION_STATE.changed}（第 ${l.latest_batch} 批之后）` : PUBLICATION_STATE[l.state];
  return h('span', { class: `badge pub-${l.state}`, 'data-state': l.state }, text);
}

function names(list) {
  return list.length ? list.map((e) => e.name).join('、') : '无';
}

/// #/publications[/ID]: every publishable list with its batches; with ID one batch as published.
export async function publicationsPage(id = '') {
  const overview = await api('GET', '/api/v1/web/publications');
  const section = h('section', { id: 'publications-page' },
    h('h1', {}, '分批公布', h('small', {}, '公布后的名单按批次冻结，日后下载与首次下载完全相同')));
  for (const l of overview.lists) {
    const result = h('p', { class: 'error', role: 'alert', id: `publish-result-${l.name}` });
    const button = h('button', { type: 'button', class: 'primary', id: `publish-${l.name}` }, `公布为${l.next_title}`);
    button.addEventListener('click', () => busy(button, async () => {
      result.textContent = '';
      if (!(await confirmAction(`将当前${LISTS[l.name] || l.title}（${l.live_rows} 行）公布为“${l.next_title}”？公布后该批次不可修改。`, '公布'))) return;
      try {
        const p = await api('POST', '/api/v1/web/publications', { list: l.name });
        notify(`已公布：${p.title}（${p.rows} 行）。`);
        location.hash = `#/publications/${p.id}`;
      } catch (err) {
        result.textContent = describe(err);
      }
    }));
    const rows = l.batches.slice().reverse().map((b) => h('tr', { 'data-batch': String(b.batch) },
      h('td', {}, h('a', { href: `#/publications/${b.id}` }, b.title)),
      h('td', {}, b.published_on), h('td', {}, b.published_by), h('td', { class: 'nowrap' }, time(b.published_at)),
      h('td', {}, num(b.rows, 0)),
      h('td', { class: 'nowrap' },
        h('a', { href: `/api/v1/web/publications/${b.id}.csv`, download: `${b.title}.csv` }, 'CSV'), ' ',
        h('a', { href: `/api/v1/web/publications/${b.id}.xlsx`, download: `${b.title}.xlsx` }, 'XLSX'))));
    section.append(h('div', { class: 'pub-card', id: `publication-list-${l.name}` },
      h('h2', {}, l.title, ' ', stateBadge(l)),
      h('p', { class: 'actions' }, button,
        h('a', { href: `#/lists/${l.name}`, class: 'button' }, '查看当前名单'),
        h('span', { class: 'muted' }, `当前名单 ${l.live_rows} 行`)),
      result,
      rows.length ? table(['批次', '公布日期', '公布人', '公布时间', '行数', '下载'], rows, { class: 'data' })
        : h('p', { class: 'muted' }, '尚未公布过。')));
  }
  if (id) section.children[0].after(await batchView(id)); // under the page's heading
  return section;
}

async function batchView(id) {
  const b = await api('GET', `/api/v1/web/publications/${encodeURIComponent(id)}`);
  const entries = b.entries.map((e) => h('tr', {},
    h('td', {}, e.enterprise_id ? h('a', { href: `#/enterprise/${encodeURIComponent(e.enterprise_id)}` }, e.name) : e.name),
    h('td', { class: 'mono' }, e.credit_code),
    h('td', {}, e.bundle ? h('a', { href: e.bundle, class: 'bundle-link', download: '' }, '证据包') : '—')));
  return h('div', { class: 'pub-card', id: 'publication-batch', 'data-id': String(b.id) },
    h('h2', {}, b.title, h('small', {}, ` ${b.published_on} · ${b.published_by} 公布 · ${b.rows} 行`)),
    h('p', { class: 'actions' },
      h('a', { href: `/api/v1/web/publications/${b.id}.csv`, class: 'button', id: 'batch-csv', download: `${b.title}.csv` }, '下载 CSV'),
      h('a', { href: `/api/v1/web/publications/${b.id}.xlsx`, class: 'button', id: 'batch-xlsx', download: `${b.title}.xlsx` }, '下载 Excel (XLSX)'),
      h('a', { href: '#/publications', class: 'button' }, '返回批次列表')),
    h('p', { id: 'batch-changes' },
      b.previous_batch ? `与第 ${b.previous_batch} 批相比：` : '首批公布：',
      h('span', { class: 'added' }, `新增 ${b.added.length} 家（${names(b.added)}）`), '；',
      h('span', { class: 'removed' }, `移出 ${b.removed.length} 家（${names(b.removed)}）`)),
    b.table.rows.length ? table(b.table.headers, b.table.rows.map((r) => r.map((c) => (typeof c === 'number' ? num(c, 3) : c))), { class: 'data', id: 'batch-table' })
      : h('p', { class: 'muted' }, '该批名单为空。'),
    entries.length ? h('details', { id: 'batch-bundles' }, h('summary', {}, '各企业证据包'),
      table(['企业名称', '统一社会信用代码', '证据包'], entries, { class: 'data' })) : null);
}
