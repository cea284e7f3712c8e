// 工作进度: planned items and capacity by region, industry and phase; overdue tasks.
import { api } from './api.js';
import { stackedBars, ring, COLORS } from './charts.js';
import { h, table, num, percent } from './dom.js';
import { KIND, FINDING } from './labels.js';

const LABELS = { dismantled: '已拆除', sealed: '已封存待拆除', remaining: '未完成' };

// Capacity comes per unit (万吨/年, 万重量箱/年 ...): figures of different units are never added.
const units = (rows) => [...new Set(rows.flatMap((r) => r.capacity.map((c) => c.unit)))];
const capOf = (r, unit) => r.capacity.find((c) => c.unit === unit) ||
  { unit, planned: 0, dismantled: 0, sealed: 0, accepted: 0 };

function perUnit(r, show) {
  return r.capacity.length === 0 ? '—' : r.capacity.map((c, i) => [i ? h('br') : null, show(c)]);
}

function tallyTable(rows, firstHeader) {
  return table(
    [firstHeader, '企业(户)', '计划设备(台/条)', '计划产能', '已拆除(台/条)', '已拆除产能',
      '已封存待拆除(台/条)', '已封存产能', '已验收(台/条)', '已验收产能', '拆除进度'],
    rows.map((r) => [r.name, r.enterprises, num(r.items, 0), perUnit(r, (c) => `${num(c.planned, 2)} ${c.unit}`),
      num(r.dismantled, 0), perUnit(r, (c) => `${num(c.dismantled, 2)} ${c.unit}`), num(r.sealed, 0),
      perUnit(r, (c) => `${num(c.sealed, 2)} ${c.unit}`), num(r.accepted, 0),
      perUnit(r, (c) => `${num(c.accepted, 2)} ${c.unit}`),
      perUnit(r, (c) => `${percent(c.dismantled, c.planned)}${r.capacity.length > 1 ? ` (${c.unit})` : ''}`)]),
    { class: 'data' });
}

function chartRows(rows, unit) {
  return rows.filter((r) => r.capacity.some((c) => c.unit === unit)).map((r) => {
    const c = capOf(r, unit);
    return {
      name: r.name, total: c.planned, done: c.dismantled + c.sealed, dismantled: c.dismantled, sealed: c.sealed,
      remaining: Math.max(0, c.planned - c.dismantled - c.sealed),
    };
  });
}

function capacityKpis(t) {
  return t.capacity.map((c) => [
    h('div', { class: 'kpi' }, h('b', {}, num(c.planned, 2)), `计划产能(${c.unit})`),
    h('div', { class: 'kpi' }, h('b', {}, num(c.dismantled, 2)), `已拆除产能(${c.unit})`),
    h('div', { class: 'kpi' }, h('b', {}, num(c.sealed, 2)), `已封存待拆除产能(${c.unit})`),
    h('div', { class: 'kpi' }, h('b', {}, num(c.accepted, 2)), `已验收产能(${c.unit})`)]);
}

function capacityRings(t) {
  const suffix = (c) => (t.capacity.length > 1 ? `(${c.unit})` : '');
  return t.capacity.map((c) => [
    ring(c.dismantled, c.planned, `产能已拆除${suffix(c)}`),
    ring(c.dismantled + c.sealed, c.planned, `产能已拆除或封存${suffix(c)}`, COLORS.sealed),
    ring(c.accepted, c.planned, `产能已验收${suffix(c)}`, COLORS.accepted)]);
}

function capacityCharts(rows, what) {
  return units(rows).map((unit) => stackedBars(chartRows(rows, unit),
    { unit, parts: ['dismantled', 'sealed', 'remaining'], labels: LABELS, title: `各${what}淘汰产能(${unit})` }));
}

export async function progressPage() {
  const p = await api('GET', '/api/v1/web/progress');
  const t = p.total;
  return h('section', { id: 'progress-page' },
    h('h1', {}, '工作进度', h('small', {}, `截至 ${p.today}`)),
    h('div', { class: 'kpis' },
      h('div', { class: 'kpi' }, h('b', {}, num(t.enterprises, 0)), '计划淘汰企业(户)'),
      h('div', { class: 'kpi' }, h('b', {}, num(t.items, 0)), '计划设备(台/条)'),
      capacityKpis(t),
      h('div', { class: 'kpi warn' }, h('b', { id: 'overdue-count' }, p.overdue_tasks.length), '逾期任务'),
      h('div', { class: 'kpi' }, h('b', { id: 'pending-review-count' }, p.pending_review), '待审核核查(不计入)'),
      h('div', { class: 'kpi warn' }, h('b', { id: 'alert-count' }, p.alerts.length), '复产预警')),
    p.alerts.length ? [h('h2', {}, '复产预警'), table(['企业', '设备', '核查结果', '日期', '审核'],
      p.alerts.map((a) => [h('a', { href: `#/enterprise/${a.enterprise_id}` }, a.enterprise_name), a.equipment,
        FINDING[a.finding] || a.finding, a.found_on, a.reviewed ? '已审核' : '待审核']), { class: 'data', id: 'alerts-table' })] : null,
    h('div', { class: 'rings' }, capacityRings(t)),
    capacityCharts(p.by_region, '属地'),
    h('h2', {}, '按属地'), tallyTable(p.by_region, '属地'),
    capacityCharts(p.by_industry, '行业'),
    h('h2', {}, '按行业'), tallyTable(p.by_industry, '行业'),
    h('h2', {}, '按阶段'),
    table(['阶段', '任务数', '已完成', '逾期', '收到的核查(份)'],
      p.by_phase.map((r) => [KIND[r.kind] || r.kind, r.tasks, r.done, r.overdue, r.inspections]),
      { class: 'data' }),
    h('h2', {}, '逾期任务'),
    p.overdue_tasks.length === 0 ? h('p', { class: 'muted' }, '没有逾期任务。') :
      table(['企业', '阶段', '期限', '核查人员'], p.overdue_tasks.map((o) => [
        h('a', { href: `#/enterprise/${o.enterprise_id}` }, o.enterprise_name), KIND[o.kind] || o.kind,
        h('span', { class: 'overdue' }, o.due), o.inspectors.join('、')]), { class: 'data', id: 'overdue-table' }));
}
