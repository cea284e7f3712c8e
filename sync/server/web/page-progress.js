// 工作进度: planned items and capacity by region, industry and phase; overdue tasks.
import { api } from './api.js';
import { stackedBars, ring, COLORS } from './charts.js';
import { h, table, num, percent } from './dom.js';
import { KIND, FINDING } from './labels.js';

const LABELS = { dismantled: '已拆除', sealed: '已封存待拆除', remaining: '未完成' };

function tallyTable(rows, firstHeader) {
  return table(
    [firstHeader, '企业(户)', '计划设备(台/条)', '计划产能(万吨/年)', '已拆除(台/条)', '已拆除产能',
      '已封存待拆除(台/条)', '已封存产能', '已验收(台/条)', '已验收产能', '拆除进度'],
    rows.map((r) => [r.name, r.enterprises, num(r.items, 0), num(r.capacity, 2), num(r.dismantled, 0),
      num(r.dismantled_capacity, 2), num(r.sealed, 0), num(r.sealed_capacity, 2), num(r.accepted, 0),
      num(r.accepted_capacity, 2), percent(r.dismantled_capacity, r.capacity)]),
    { class: 'data' });
}

function chartRows(rows) {
  return rows.map((r) => ({
    name: r.name, total: r.capacity, done: r.dismantled_capacity + r.sealed_capacity,
    dismantled: r.dismantled_capacity, sealed: r.sealed_capacity,
    remaining: Math.max(0, r.capacity - r.dismantled_capacity - r.sealed_capacity),
  }));
}

export async function progressPage() {
  const p = await api('GET', '/api/v1/web/progress');
  const t = p.total;
  const options = { unit: '万吨/年', parts: ['dismantled', 'sealed', 'remaining'], labels: LABELS };
  return h('section', { id: 'progress-page' },
    h('h1', {}, '工作进度', h('small', {}, `截至 ${p.today}`)),
    h('div', { class: 'kpis' },
      h('div', { class: 'kpi' }, h('b', {}, num(t.enterprises, 0)), '计划淘汰企业(户)'),
      h('div', { class: 'kpi' }, h('b', {}, num(t.items, 0)), '计划设备(台/条)'),
      h('div', { class: 'kpi' }, h('b', {}, num(t.capacity, 2)), '计划产能(万吨/年)'),
      h('div', { class: 'kpi' }, h('b', {}, num(t.dismantled_capacity, 2)), '已拆除产能'),
      h('div', { class: 'kpi' }, h('b', {}, num(t.sealed_capacity, 2)), '已封存待拆除产能'),
      h('div', { class: 'kpi' }, h('b', {}, num(t.accepted_capacity, 2)), '已验收产能'),
      h('div', { class: 'kpi warn' }, h('b', { id: 'overdue-count' }, p.overdue_tasks.length), '逾期任务'),
      h('div', { class: 'kpi' }, h('b', { id: 'pending-review-count' }, p.pending_review), '待审核核查(不计入)'),
      h('div', { class: 'kpi warn' }, h('b', { id: 'alert-count' }, p.alerts.length), '复产预警')),
    p.alerts.length ? [h('h2', {}, '复产预警'), table(['企业', '设备', '核查结果', '日期', '审核'],
      p.alerts.map((a) => [h('a', { href: `#/enterprise/${a.enterprise_id}` }, a.enterprise_name), a.equipment,
        FINDING[a.finding] || a.finding, a.found_on, a.reviewed ? '已审核' : '待审核']), { class: 'data', id: 'alerts-table' })] : null,
    h('div', { class: 'rings' },
      ring(t.dismantled_capacity, t.capacity, '产能已拆除'),
      ring(t.dismantled_capacity + t.sealed_capacity, t.capacity, '产能已拆除或封存', COLORS.sealed),
      ring(t.accepted_capacity, t.capacity, '产能已验收', COLORS.accepted)),
    stackedBars(chartRows(p.by_region), { ...options, title: '各属地淘汰产能(万吨/年)' }),
    h('h2', {}, '按属地'), tallyTable(p.by_region, '属地'),
    stackedBars(chartRows(p.by_industry), { ...options, title: '各行业淘汰产能(万吨/年)' }),
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
