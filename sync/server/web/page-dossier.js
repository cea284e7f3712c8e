// 企业档案: the enterprises, and each one's dossier (equipment, cards, tasks, every visit).
import { api } from './api.js';
import { h, table, num, badge, append } from './dom.js';
import { STATUS, FINDING, ACTION, KIND, LEVEL, STANDARD, CARD_STATE, ITEM_STATUS, JOURNAL_KIND } from './labels.js';
import { inspectionCard } from './inspection.js';

export async function enterprisesPage() {
  const { enterprises } = await api('GET', '/api/v1/web/enterprises');
  const filter = h('input', { type: 'search', placeholder: '按企业名称、信用代码或属地筛选', class: 'filter',
    id: 'enterprise-filter', 'aria-label': '按企业名称、信用代码或属地筛选' });
  // By exit status too, and sorted by it or by name (issue 16 item 8).
  const status = h('select', { id: 'enterprise-status', 'aria-label': '退出状态' }, h('option', { value: '' }, '全部退出状态'),
    Object.entries(STATUS).map(([v, label]) => h('option', { value: v }, label)));
  const order = h('select', { id: 'enterprise-order', 'aria-label': '排序' },
    h('option', { value: '' }, '按属地排序'), h('option', { value: 'status' }, '按退出状态排序'), h('option', { value: 'name' }, '按企业名称排序'));
  const rows = enterprises.map((e) => {
    // Upper case: a credit code typed in lower case still matches (its letters are capitals).
    const tr = h('tr', { 'data-search': `${e.name} ${e.credit_code} ${e.region_name} ${e.industry}`.toUpperCase(), 'data-status': e.status },
      h('td', {}, h('a', { href: `#/enterprise/${e.id}`, class: 'enterprise-link' }, e.name),
        e.items === 0 ? h('span', { class: 'muted off-plan' }, '（计划外）') : null),
      h('td', {}, e.credit_code), h('td', {}, e.region_name), h('td', {}, e.industry),
      h('td', {}, e.items), h('td', {}, e.capacity.map((c) => `${num(c.value, 2)} ${c.unit}`).join('；')), h('td', {}, e.inspections),
      h('td', {}, badge(STATUS[e.status], e.status)));
    return tr;
  });
  const list = table(['企业名称', '统一社会信用代码', '属地', '行业', '计划设备(项)', '产能', '收到核查(份)', '退出状态'],
    rows, { class: 'data', id: 'enterprise-table' });
  const statusRank = Object.fromEntries(Object.keys(STATUS).map((s, i) => [s, i]));
  const apply = () => {
    const q = filter.value.trim().toUpperCase();
    for (const tr of rows) tr.hidden = (q !== '' && !tr.dataset.search.includes(q)) || (status.value !== '' && tr.dataset.status !== status.value);
    const sorted = rows.map((tr, i) => ({ tr, i, e: enterprises[i] })).sort((a, b) => {
      if (order.value === 'status') return (statusRank[a.e.status] - statusRank[b.e.status]) || a.i - b.i;
      if (order.value === 'name') return a.e.name.localeCompare(b.e.name, 'zh-CN') || a.i - b.i;
      return a.i - b.i;
    });
    list.tBodies[0].append(...sorted.map((x) => x.tr));
  };
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  order.addEventListener('change', apply);
  return h('section', { id: 'enterprises-page' },
    h('h1', {}, '企业档案', h('small', {}, `${enterprises.length} 户`)),
    h('div', { class: 'filters' }, filter, status, order), list);
}

export async function dossierPage(id) {
  const [d, journal] = await Promise.all([api('GET', `/api/v1/web/enterprises/${encodeURIComponent(id)}`),
    api('GET', `/api/v1/web/journal?enterprise=${encodeURIComponent(id)}&limit=20`)]);
  const e = d.enterprise;
  const equipment = {};
  for (const q of d.equipment) equipment[q.id] = q;
  const section = h('section', { id: 'dossier-page' });
  const reload = async () => section.replaceWith(await dossierPage(id));
  append(section, 
    h('h1', {}, e.name, badge(STATUS[d.status], d.status)),
    h('p', { class: 'actions' }, h('a', { href: `#/print/${e.id}`, class: 'button', id: 'print-link' }, '验收意见书(打印)'),
      ' ', h('a', { href: `/api/v1/web/enterprises/${encodeURIComponent(e.id)}/bundle`, class: 'button', id: 'bundle-link', download: '' }, '证据包(zip)')),
    h('dl', { class: 'facts' },
      h('dt', {}, '统一社会信用代码'), h('dd', {}, e.credit_code),
      h('dt', {}, '属地'), h('dd', {}, e.region_name),
      h('dt', {}, '行业'), h('dd', {}, e.industry),
      h('dt', {}, '法定代表人'), h('dd', {}, e.legal_representative),
      h('dt', {}, '联系电话'), h('dd', {}, e.contact_phone),
      h('dt', {}, '地址'), h('dd', {}, e.address)),
    d.pending_review.length ? h('p', { class: 'muted', id: 'pending-review' },
      `另有 ${d.pending_review.length} 次核查待审核：审核通过前不计入下列状态和公示名单。`) : null,
    d.alerts.length ? h('p', { class: 'error', id: 'resumed-alerts' },
      `复产预警：${d.alerts.map((a) => `${(equipment[a.equipment_id] || {}).kind || ''} ${a.found_on} ${FINDING[a.finding]}${a.reviewed ? '' : '(待审核)'}`).join('；')}`) : null,
    h('h2', {}, '计划淘汰设备'),
    table(['设备名称', '规格型号', '数量', '产能', '淘汰方式', '计划完成时间', '状态', '最新有效核查结果', '核查日期'],
      d.equipment.map((q) => [[q.kind, q.found_on_site ? [' ', badge('现场发现', 'received')] : null], q.spec, q.count, `${num(q.capacity.value, 2)}${q.capacity.unit}`, ACTION[q.action] || q.action,
        q.dismantle_deadline || '', h('span', { class: `item-status ${q.status}` }, (ITEM_STATUS[q.status] || q.status) +
          (q.overdue ? '（逾期未拆除）' : '') + (q.conditionally_accepted ? '（有条件验收）' : '')),
        h('span', { class: `finding ${q.finding}` }, FINDING[q.finding] || q.finding || '—'),
        q.found_on]), { class: 'data', id: 'equipment-table' }),
    d.cards.length ? [h('h2', {}, '挂牌'), table(['类别', '标准', '发牌部门', '发牌日期', '整改期限', '状态'],
      d.cards.map((c) => [badge(LEVEL[c.level], c.level), STANDARD[c.standard], c.department, c.issued_on,
        c.deadline ? h('span', { class: c.overdue ? 'overdue' : '' }, c.deadline + (c.overdue ? '（逾期）' : '')) : '—',
        CARD_STATE[c.state]]), { class: 'data' })] : null,
    d.tasks.length ? [h('h2', {}, '任务'), table(['阶段', '期限', '核查人员', '完成'],
      d.tasks.map((t) => [KIND[t.kind], t.due, t.inspectors.join('、'), t.done ? '已完成' : '未完成']), { class: 'data' })] : null,
    h('h2', {}, `现场核查记录（${d.inspections.length} 次）`),
    d.inspections.length ? d.inspections.map((i) => inspectionCard(i, equipment, { onReview: reload }))
      : h('p', { class: 'muted' }, '还没有收到核查记录。'),
    // Who did what about this enterprise: the office journal's newest entries.
    journal.entries.length ? [h('h2', {}, '操作记录', h('small', {}, journal.more ? '最近 20 条，全部见“操作日志”' : '')),
      table(['时间', '账号', '操作', '说明'], journal.entries.map((j) => [j.at.slice(0, 16).replace('T', ' '), j.account,
        JOURNAL_KIND[j.kind] || j.kind, j.summary]), { class: 'data', id: 'dossier-journal' })] : null);
  return section;
}
