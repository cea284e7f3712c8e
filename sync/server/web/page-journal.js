// 操作日志: the office journal, who did what and when, newest first, 50 a page, filtered by
// account, kind and days (GET /api/v1/web/journal). Read-only: the journal is never changed.
import { api } from './api.js';
import { h, table, time, append } from './dom.js';
import { JOURNAL_FAMILY, JOURNAL_KIND, KIND, ROLE } from './labels.js';

const PAGE_SIZE = 50;
const FILTERS = ['account', 'kind', 'from', 'to'];

const REFUSAL = { bad_credentials: '用户名或密码错误', inspector: '核查人员账号不能登录办公室网页' };

/// The entry's summary in Chinese where the page knows its kind; otherwise as recorded (a
/// reason or a name the clerk typed).
function summaryText(e) {
  const d = e.detail || {};
  const task = d.after || d.before;
  if (e.kind.startsWith('task.') && task) return `${KIND[task.kind] || task.kind}，期限 ${task.due}`;
  if (e.kind === 'account.added' && d.after) return ROLE[d.after.role] || d.after.role;
  if (e.kind === 'account.password_reset') return `结束了 ${d.sessions_ended ?? 0} 个网页会话`;
  if (e.kind === 'device.revoked' && d.username) return `${d.name || ''}（${d.username}）`;
  if (e.kind === 'signin.refused') return REFUSAL[d.reason] || d.reason || '';
  if (e.kind === 'plan.imported') return e.summary.replace(/^(\d+) rows$/, '读取 $1 行设备');
  return e.summary || '';
}

/// The detail of an entry in a few words: the counts of an import, the fields a change changed.
function detailText(e) {
  const d = e.detail || {};
  if (e.kind === 'plan.imported')
    return `新增企业 ${d.enterprises_added ?? 0}，更新企业 ${d.enterprises_updated ?? 0}，新增设备 ${d.equipment_added ?? 0}，更新设备 ${d.equipment_updated ?? 0}`;
  if (d.before && d.after && typeof d.before === 'object' && typeof d.after === 'object') {
    const changed = Object.keys(d.after).filter((k) => JSON.stringify(d.before[k]) !== JSON.stringify(d.after[k]));
    return changed.map((k) => `${k}: ${JSON.stringify(d.before[k] ?? null)} → ${JSON.stringify(d.after[k])}`).join('；');
  }
  if (e.kind === 'signin.refused') return `来自 ${d.address || e.target}`;
  return '';
}

/// #/journal[/FILTERS[/BEFORE]]: FILTERS a query string (account, kind, from, to), BEFORE the
/// journal number a page ends at.
export async function journalPage(filters = '', before = '') {
  const chosen = new URLSearchParams(filters);
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const f of FILTERS) if (chosen.get(f)) query.set(f, chosen.get(f));
  if (before) query.set('before', before);
  const page = await api('GET', `/api/v1/web/journal?${query}`);

  const account = h('input', { id: 'journal-account', placeholder: '账号', value: chosen.get('account') || '', 'aria-label': '按账号筛选' });
  const kind = h('select', { id: 'journal-kind', 'aria-label': '按操作筛选' },
    h('option', { value: '' }, '全部操作'),
    Object.entries(JOURNAL_FAMILY).map(([k, label]) => h('option', { value: k, selected: chosen.get('kind') === k }, `${label}（全部）`)),
    Object.entries(JOURNAL_KIND).map(([k, label]) => h('option', { value: k, selected: chosen.get('kind') === k }, `· ${label}`)));
  const from = h('input', { id: 'journal-from', type: 'date', value: chosen.get('from') || '', 'aria-label': '起始日期' });
  const to = h('input', { id: 'journal-to', type: 'date', value: chosen.get('to') || '', 'aria-label': '截止日期' });
  const form = h('form', { class: 'actions', id: 'journal-filter' }, account, kind,
    h('label', {}, '从 ', from), h('label', {}, '到 ', to),
    h('button', { type: 'submit', class: 'primary', id: 'journal-apply' }, '筛选'),
    chosen.toString() ? h('a', { href: '#/journal', class: 'button', id: 'journal-clear' }, '清除筛选') : null);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    if (account.value.trim()) next.set('account', account.value.trim());
    if (kind.value) next.set('kind', kind.value);
    if (from.value) next.set('from', from.value);
    if (to.value) next.set('to', to.value);
    location.hash = next.toString() ? `#/journal/${encodeURIComponent(next.toString())}` : '#/journal';
  });

  const here = encodeURIComponent(chosen.toString());
  const rows = page.entries.map((e) => h('tr', { 'data-seq': String(e.seq), 'data-kind': e.kind },
    h('td', { class: 'nowrap' }, time(e.at)),
    h('td', {}, e.account || h('span', { class: 'muted' }, '（未记录）')),
    h('td', { class: 'nowrap' }, JOURNAL_KIND[e.kind] || e.kind, h('div', { class: 'muted code' }, e.kind)),
    h('td', {}, e.enterprise_id
      ? [h('a', { href: `#/enterprise/${encodeURIComponent(e.enterprise_id)}` }, e.enterprise_name || e.enterprise_id),
        e.target !== e.enterprise_id ? h('div', { class: 'mono muted' }, e.target) : null]
      : h('span', { class: 'mono' }, e.target || '—')),
    h('td', { class: 'wrap' }, summaryText(e)),
    h('td', { class: 'wrap muted' }, detailText(e))));
  const section = h('section', { id: 'journal-page' });
  append(section,
    h('h1', {}, '操作日志', h('small', {}, '办公室每一项操作：谁、何时、做了什么；只增不改，最新的在前')),
    form,
    h('p', { class: 'actions' },
      before ? h('a', { href: `#/journal/${here}`, class: 'button', id: 'journal-newest' }, '← 最新记录') : null,
      page.more ? h('a', { href: `#/journal/${here}/${page.next_before}`, class: 'button', id: 'journal-older' }, '更早的记录 →') : null,
      h('span', { class: 'muted' }, `本页 ${page.entries.length} 条，每页最多 ${PAGE_SIZE} 条`)),
    page.entries.length
      ? table(['时间', '账号', '操作', '对象', '说明', '变化'], rows, { class: 'data', id: 'journal-table' })
      : h('p', { class: 'muted' }, before ? '没有更早的记录了。' : '没有符合条件的记录。'));
  return section;
}
