// 现场发现(漏报): items inspectors recorded on site outside the plan, with the visit that found
// each. The office confirms one into the plan (a new equipment row, marked 现场发现) or dismisses
// it with a reason; the report counts them per region and downloads as CSV (GET /api/v1/web/finds).
import { api, describe } from './api.js';
import { h, table, append, busy, confirmAction, notify, num } from './dom.js';
import { ACTION, FINDING, KIND, REVIEW } from './labels.js';

const STATE = { open: '待确认', confirmed: '已纳入计划', dismissed: '已排除' };

function capacityText(c) {
  return c && c.unit ? `${num(c.value, 2)} ${c.unit}` : '';
}

function itemText(f) {
  return `${f.kind}${f.spec ? ` ${f.spec}` : ''}`;
}

function enterpriseCell(f) {
  return h('a', { href: `#/enterprise/${encodeURIComponent(f.enterprise_id)}` }, f.enterprise_name || f.enterprise_id);
}

function visitCell(f) {
  return [f.found_on, ' ', KIND[f.visit_kind] || f.visit_kind,
    h('div', { class: 'muted' }, `${f.inspectors.join('、') || f.username} · ${REVIEW[f.review] || f.review}`)];
}

/// The controls of one open find: confirm with the plan's action (and a deadline for 封存后拆除),
/// or dismiss with a reason.
function decideCell(f, rerender) {
  const msg = h('p', { class: 'error', role: 'alert' });
  const action = h('select', { name: 'action', class: 'find-action', 'aria-label': '淘汰方式' },
    Object.entries(ACTION).map(([v, label]) => h('option', { value: v }, label)));
  const deadline = h('input', { type: 'date', name: 'dismantle_deadline', class: 'find-deadline', 'aria-label': '拆除期限' });
  const reason = h('input', { name: 'reason', class: 'find-reason', placeholder: '排除原因', 'aria-label': '排除原因', maxlength: 500 });
  const body = { inspection_id: f.inspection_id, check_id: f.check_id };
  const confirm = (ev) => busy(ev.currentTarget, async () => {
    msg.textContent = '';
    if (!await confirmAction(`将 ${f.enterprise_name} 的“${itemText(f)}”纳入淘汰计划？纳入后计入进度和名单，并同步到该属地的平板。`, '纳入计划')) return;
    try {
      await api('POST', '/api/v1/web/finds/confirm', { ...body, action: action.value, dismantle_deadline: deadline.value || null });
      notify(`已将“${itemText(f)}”纳入淘汰计划（${f.enterprise_name}，现场发现）。`);
      rerender();
    } catch (err) { msg.textContent = describe(err); }
  });
  const dismiss = (ev) => busy(ev.currentTarget, async () => {
    msg.textContent = '';
    if (!reason.value.trim()) { msg.textContent = '请填写排除原因。'; reason.focus(); return; }
    if (!await confirmAction(`排除 ${f.enterprise_name} 的“${itemText(f)}”？原因：${reason.value.trim()}`, '排除')) return;
    try {
      await api('POST', '/api/v1/web/finds/dismiss', { ...body, reason: reason.value.trim() });
      notify(`已排除“${itemText(f)}”（${f.enterprise_name}）。`);
      rerender();
    } catch (err) { msg.textContent = describe(err); }
  });
  return h('div', { class: 'find-decide' },
    h('div', { class: 'inline' }, action, deadline,
      h('button', { type: 'button', class: 'primary confirm-find', onclick: confirm }, '纳入计划')),
    h('div', { class: 'inline' }, reason, h('button', { type: 'button', class: 'dismiss-find', onclick: dismiss }, '排除')),
    msg);
}

export async function findsPage() {
  const finds = await api('GET', '/api/v1/web/finds');
  const section = h('section', { id: 'finds-page' });
  const rerender = async () => section.replaceWith(await findsPage());
  const openRows = finds.open.map((f) => h('tr', { 'data-check': f.check_id },
    h('td', {}, f.region_name), h('td', {}, enterpriseCell(f)), h('td', {}, itemText(f)),
    h('td', { class: 'nowrap' }, capacityText(f.capacity)), h('td', {}, FINDING[f.finding] || f.finding),
    h('td', {}, visitCell(f)), h('td', {}, decideCell(f, rerender))));
  const decidedRows = finds.decided.map((f) => h('tr', { 'data-check': f.check_id, 'data-state': f.state },
    h('td', {}, f.region_name), h('td', {}, enterpriseCell(f)), h('td', {}, itemText(f)),
    h('td', { class: 'nowrap' }, capacityText(f.capacity)), h('td', {}, visitCell(f)),
    h('td', {}, h('span', { class: `badge ${f.state === 'confirmed' ? 'done' : ''}` }, STATE[f.state] || f.state)),
    h('td', {}, f.decided_by, h('div', { class: 'muted' }, f.decided_at.slice(0, 10))),
    h('td', { class: 'wrap' }, f.reason)));
  const regionRows = finds.by_region.map((r) => [r.name, r.open, r.confirmed, r.dismissed,
    r.capacity.map(capacityText).join('；') || '—']);
  append(section,
    h('h1', {}, '现场发现(漏报)', h('small', {}, `待确认 ${finds.open.length} 项`)),
    h('p', { class: 'muted' }, '核查人员在现场记录的计划外设备(漏报)。纳入计划后成为一台“现场发现”的计划设备，计入进度和公示名单；不属实的排除并写明原因。'),
    h('h2', {}, `待确认（${finds.open.length}）`),
    finds.open.length
      ? table(['属地', '企业', '设备', '产能', '现场情况', '发现', '处理'], openRows, { class: 'data', id: 'finds-open' })
      : h('p', { class: 'muted', id: 'finds-open-empty' }, '没有待确认的现场发现。'),
    h('h2', {}, '按属地统计'),
    h('p', { class: 'actions' },
      h('a', { href: '/api/v1/web/finds/report.csv', class: 'button', id: 'finds-csv', download: 'finds.csv' }, '下载 CSV')),
    regionRows.length
      ? table(['属地', '待确认', '已纳入计划', '已排除', '纳入计划的产能'], regionRows, { class: 'data', id: 'finds-regions' })
      : h('p', { class: 'muted' }, '还没有现场发现。'),
    h('h2', {}, `已处理（${finds.decided.length}）`),
    finds.decided.length
      ? table(['属地', '企业', '设备', '产能', '发现', '处理结果', '处理人', '说明'], decidedRows, { class: 'data', id: 'finds-decided' })
      : h('p', { class: 'muted' }, '还没有处理过的现场发现。'));
  return section;
}
