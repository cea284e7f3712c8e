// 核查审核: incoming final inspections, newest first; accept or return with a reason. The list is
// paged and filtered on the server (issue 16 item 8): the filter and the page live in the address
// (#/review/received?region=…&from=…&to=…&page=2), so Back returns to them.
import { api } from './api.js';
import { h, append, enterpriseLabel } from './dom.js';
import { REVIEW } from './labels.js';
import { inspectionCard } from './inspection.js';

const PER_PAGE = 20;
const FILTERS = ['region', 'from', 'to'];

/// The address of the list `tab` with `query` (URLSearchParams of the filters and the page).
function reviewHash(tab, query) {
  const text = query.toString();
  return `#/review/${tab}${text ? `?${text}` : ''}`;
}

function filterForm(tab, query, regions) {
  const region = h('select', { name: 'region', id: 'review-region', 'aria-label': '属地' },
    h('option', { value: '' }, '全部属地'),
    regions.map((r) => h('option', { value: r.id, selected: r.id === query.get('region') }, r.name)));
  const from = h('input', { type: 'date', name: 'from', id: 'review-from', value: query.get('from') || '', 'aria-label': '核查日期从' });
  const to = h('input', { type: 'date', name: 'to', id: 'review-to', value: query.get('to') || '', 'aria-label': '核查日期至' });
  const form = h('form', { class: 'filters', id: 'review-filters' },
    h('label', {}, '属地', region), h('label', {}, '核查日期从', from), h('label', {}, '至', to),
    h('button', { type: 'submit', class: 'primary' }, '筛选'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    if (region.value) next.set('region', region.value);
    if (from.value) next.set('from', from.value);
    if (to.value) next.set('to', to.value);
    location.hash = reviewHash(tab, next); // page 1 of the new filter
  });
  return form;
}

function pager(tab, query, page, total) {
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const link = (n, text, cls) => {
    const next = new URLSearchParams(query);
    if (n > 1) next.set('page', String(n)); else next.delete('page');
    return h('a', { href: reviewHash(tab, next), class: `tab ${cls}` }, text);
  };
  return h('nav', { class: 'pager', 'aria-label': '翻页' },
    page > 1 ? link(page - 1, '上一页', 'prev') : null,
    h('span', { class: 'muted' }, `第 ${page} / ${pages} 页，共 ${total} 份`),
    page < pages ? link(page + 1, '下一页', 'next') : null);
}

export async function reviewPage(arg = 'received') {
  const [tab, queryText] = arg.split('?');
  const query = new URLSearchParams(queryText || '');
  const page = Math.max(1, Number(query.get('page')) || 1);
  const params = new URLSearchParams({ per_page: String(PER_PAGE), page: String(page) });
  if (tab !== 'all') params.set('review', tab);
  for (const k of FILTERS) if (query.get(k)) params.set(k, query.get(k));
  // One request: the page of inspections, the planned equipment they name, the regions.
  const { inspections, total, equipment, regions } = await api('GET', `/api/v1/web/inspections?${params}`);
  const section = h('section', { id: 'review-page' });
  const reload = async () => section.replaceWith(await reviewPage(arg));
  const filtersOnly = new URLSearchParams();
  for (const k of FILTERS) if (query.get(k)) filtersOnly.set(k, query.get(k));
  const tabs = ['received', 'returned', 'accepted', 'all'].map((f) =>
    h('a', { href: reviewHash(f, filtersOnly), class: f === tab ? 'tab active' : 'tab' }, f === 'all' ? '全部' : REVIEW[f]));
  append(section, h('h1', {}, '核查审核', h('small', {}, `${total} 份`)), h('nav', { class: 'tabs' }, tabs),
    filterForm(tab, query, regions),
    inspections.length ? [inspections.map((i) => h('div', {},
      h('p', { class: 'enterprise-line' }, h('a', { href: `#/enterprise/${i.inspection.enterprise_id}` },
        enterpriseLabel(i.enterprise_name, i.enterprise_code, { always: true }))),
      inspectionCard(i, equipment, { onReview: reload }))), pager(tab, query, page, total)]
      : h('p', { class: 'muted' }, total ? '这一页没有记录。' : '没有需要处理的核查记录。'));
  return section;
}
