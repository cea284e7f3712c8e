// 核查审核: incoming final inspections, newest first; accept or return with a reason.
import { api } from './api.js';
import { h, append, enterpriseLabel } from './dom.js';
import { REVIEW } from './labels.js';
import { inspectionCard } from './inspection.js';

export async function reviewPage(filter = 'received') {
  const query = filter === 'all' ? '' : `?review=${encodeURIComponent(filter)}`;
  const { inspections } = await api('GET', `/api/v1/web/inspections${query}`);
  const section = h('section', { id: 'review-page' });
  const reload = async () => section.replaceWith(await reviewPage(filter));
  const tabs = ['received', 'returned', 'accepted', 'all'].map((f) =>
    h('a', { href: `#/review/${f}`, class: f === filter ? 'tab active' : 'tab' }, f === 'all' ? '全部' : REVIEW[f]));
  // The equipment names come with each enterprise's dossier: fetch each once.
  const equipment = {};
  for (const eid of new Set(inspections.map((i) => i.inspection.enterprise_id))) {
    const d = await api('GET', `/api/v1/web/enterprises/${encodeURIComponent(eid)}`);
    for (const q of d.equipment) equipment[q.id] = q;
  }
  append(section, h('h1', {}, '核查审核', h('small', {}, `${inspections.length} 份`)), h('nav', { class: 'tabs' }, tabs),
    inspections.length ? inspections.map((i) => h('div', {},
      h('p', { class: 'enterprise-line' }, h('a', { href: `#/enterprise/${i.inspection.enterprise_id}` },
        enterpriseLabel(i.enterprise_name, i.enterprise_code, { always: true }))),
      inspectionCard(i, equipment, { onReview: reload })))
      : h('p', { class: 'muted' }, '没有需要处理的核查记录。'));
  return section;
}
