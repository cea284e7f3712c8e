// 推送审核记录: what tablets sent that the office refused (push_audit), newest first, 50 a page,
// filtered by the reason's code. Read-only.
import { api } from './api.js';
import { h, table, time, badge, append } from './dom.js';
import { REJECTION } from './labels.js';
import { refusalText } from './messages.js';

const PAGE_SIZE = 50;

/// #/audit[/CODE[/BEFORE]]: CODE "all" for every reason, BEFORE the audit number a page ends at.
export async function auditPage(code = 'all', before = '') {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (code !== 'all') query.set('code', code);
  if (before) query.set('before', before);
  const page = await api('GET', `/api/v1/web/push-audit?${query}`);
  const filter = h('select', { id: 'audit-code', 'aria-label': '按原因筛选' },
    h('option', { value: 'all' }, '全部原因'),
    Object.entries(REJECTION).map(([c, label]) => h('option', { value: c, selected: c === code }, `${label}（${c}）`)));
  filter.addEventListener('change', () => { location.hash = `#/audit/${encodeURIComponent(filter.value)}`; });
  const rows = page.entries.map((e) => h('tr', { 'data-item': e.item_id },
    h('td', { class: 'nowrap' }, time(e.received_at)),
    h('td', {}, e.device_name || e.device_id, h('div', { class: 'mono muted' }, e.device_id)),
    h('td', {}, e.username || '—'),
    h('td', { class: 'mono' }, e.item_id, e.version > 1 ? h('div', { class: 'muted' }, `第 ${e.version} 版`) : null),
    h('td', {}, e.enterprise_name
      ? h('a', { href: `#/enterprise/${encodeURIComponent(e.enterprise_id)}` }, e.enterprise_name)
      : (e.enterprise_id ? h('span', { class: 'mono' }, e.enterprise_id) : '—')),
    h('td', { class: 'nowrap' }, badge(REJECTION[e.code] || e.code, 'returned'), h('div', { class: 'muted code' }, e.code)),
    h('td', { class: 'wrap', title: e.reason }, refusalText(e.code))));
  const section = h('section', { id: 'audit-page' });
  append(section,
    h('h1', {}, '推送审核记录', h('small', {}, '平板推送、办公室拒收的记录，最新的在前')),
    h('p', { class: 'actions' }, filter,
      before ? h('a', { href: `#/audit/${encodeURIComponent(code)}`, class: 'button', id: 'audit-newest' }, '← 最新记录') : null,
      page.more ? h('a', { href: `#/audit/${encodeURIComponent(code)}/${page.next_before}`, class: 'button', id: 'audit-older' }, '更早的记录 →') : null,
      h('span', { class: 'muted' }, `本页 ${page.entries.length} 条，每页最多 ${PAGE_SIZE} 条`)),
    page.entries.length
      ? table(['收到时间', '平板', '账号', '记录编号', '企业', '原因', '说明'], rows, { class: 'data', id: 'audit-table' })
      : h('p', { class: 'muted' }, before ? '没有更早的记录了。' : '没有被拒收的推送。'));
  return section;
}
