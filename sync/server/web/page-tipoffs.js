// 举报线索: the tip-off register. A tip-off names an enterprise the office holds or a new one;
// the office sends an inspector (a task made from it) and closes it with the visit that followed
// and its finding. A visit that found an unlisted line flags the tip-off 漏报/瞒报. The reporter's
// contact is shown to admins only (GET /api/v1/web/tipoffs).
import { api, describe, session } from './api.js';
import { h, table, append, busy, confirmAction, notify, sameNames } from './dom.js';
import { KIND } from './labels.js';

export const CHANNEL = { phone: '电话', letter: '信件', web: '网络', media: '媒体' };

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function addForm(enterprises, regions, rerender) {
  const twice = sameNames(enterprises);
  const received = h('input', { type: 'date', name: 'received_on', id: 'tipoff-received', required: true, max: today(), value: today() });
  const channel = h('select', { name: 'channel', id: 'tipoff-channel' },
    Object.entries(CHANNEL).map(([v, label]) => h('option', { value: v }, label)));
  const content = h('textarea', { name: 'content', id: 'tipoff-content', required: true, rows: 3, maxlength: 2000 });
  const contact = h('input', { name: 'reporter_contact', id: 'tipoff-contact', maxlength: 200, autocomplete: 'off' });
  const NEW = '__new__';
  const ent = h('select', { name: 'enterprise_id', id: 'tipoff-enterprise' },
    h('option', { value: NEW }, '（新企业，填写下方信息）'),
    enterprises.map((e) => h('option', { value: e.id, selected: false },
      `${e.region_name} · ${e.name}${twice.has(e.name) ? `（${e.credit_code}）` : ''}`)));
  if (enterprises.length) ent.value = enterprises[0].id;
  const field = (name, label, attrs = {}) => h('label', {}, label, h('input', { name, id: `tipoff-new-${name}`, ...attrs }));
  const region = h('select', { name: 'region', id: 'tipoff-new-region' }, regions.map((r) => h('option', { value: r.name }, r.name)));
  const fresh = h('fieldset', { id: 'tipoff-new', hidden: ent.value !== NEW }, h('legend', {}, '新企业'),
    field('credit_code', '统一社会信用代码', { maxlength: 18, autocomplete: 'off' }), field('name', '企业名称'),
    h('label', {}, '属地', region), field('industry', '行业'), field('address', '地址'));
  ent.addEventListener('change', () => { fresh.hidden = ent.value !== NEW; });
  const msg = h('p', { role: 'alert', id: 'tipoff-result' });
  const form = h('form', { class: 'card-form', id: 'tipoff-form' }, h('h2', {}, '登记举报'),
    h('label', {}, '收到日期', received), h('label', {}, '渠道', channel), h('label', {}, '举报内容', content),
    h('label', {}, '企业', ent), fresh,
    h('label', {}, '举报人联系方式(仅管理员可见，可不填)', contact),
    h('button', { type: 'submit', class: 'primary' }, '登记'), msg);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form.querySelector('button[type=submit]'), async () => {
      msg.className = 'error';
      msg.textContent = '';
      const body = { received_on: received.value, channel: channel.value, content: content.value.trim(),
        reporter_contact: contact.value.trim() };
      if (ent.value === NEW) {
        const v = (name) => fresh.querySelector(`[name=${name}]`).value.trim();
        body.enterprise = { credit_code: v('credit_code').toUpperCase(), name: v('name'), region: region.value,
          industry: v('industry'), address: v('address') };
      } else {
        body.enterprise_id = ent.value;
      }
      try {
        await api('POST', '/api/v1/web/tipoffs', body);
        notify(`已登记举报（${CHANNEL[channel.value]}，${received.value}）。`);
        rerender();
      } catch (err) { msg.textContent = describe(err); }
    });
  });
  return form;
}

/// Send an inspector: a task of the tip-off's enterprise.
function taskControls(t, inspectors, rerender) {
  const msg = h('p', { class: 'error', role: 'alert' });
  const kind = h('select', { class: 'tipoff-task-kind', 'aria-label': '阶段' },
    Object.entries(KIND).map(([v, label]) => h('option', { value: v }, label)));
  const due = h('input', { type: 'date', class: 'tipoff-task-due', min: today(), 'aria-label': '期限' });
  const who = h('select', { class: 'tipoff-task-inspector', 'aria-label': '核查人员' },
    inspectors.map((a) => h('option', { value: a.username }, `${a.username}（${a.regions.join('、') || '无属地'}）`)));
  const send = (ev) => busy(ev.currentTarget, async () => {
    msg.textContent = '';
    if (!due.value) { msg.textContent = '请选择期限。'; return; }
    if (!await confirmAction(`派 ${who.value} 到 ${t.enterprise_name} 核查这条举报（${KIND[kind.value]}，期限 ${due.value}）？`, '派出核查')) return;
    try {
      await api('POST', `/api/v1/web/tipoffs/${encodeURIComponent(t.id)}/task`, { kind: kind.value, due: due.value, inspectors: [who.value] });
      notify(`已派出核查：${t.enterprise_name}，${KIND[kind.value]}，期限 ${due.value}，${who.value}。`);
      rerender();
    } catch (err) { msg.textContent = describe(err); }
  });
  return h('div', { class: 'inline' }, kind, due, who,
    h('button', { type: 'button', class: 'tipoff-send', onclick: send }, '派出核查'), msg);
}

/// Close with the visit that followed: its finding in words, 漏报/瞒报 when it proved one.
function closeControls(t, rerender) {
  const msg = h('p', { class: 'error', role: 'alert' });
  const outcome = h('input', { class: 'tipoff-outcome', placeholder: '核查结果', 'aria-label': '核查结果', maxlength: 2000 });
  const flag = h('input', { type: 'checkbox', class: 'tipoff-unreported', checked: t.visit.unlisted });
  const close = (ev) => busy(ev.currentTarget, async () => {
    msg.textContent = '';
    if (!outcome.value.trim()) { msg.textContent = '请填写核查结果。'; outcome.focus(); return; }
    if (!await confirmAction(`以 ${t.visit.found_on} 的核查办结这条举报？`, '办结')) return;
    try {
      await api('POST', `/api/v1/web/tipoffs/${encodeURIComponent(t.id)}/close`,
        { inspection_id: t.visit.id, outcome: outcome.value.trim(), unreported: flag.checked });
      notify(`已办结举报（${t.enterprise_name}）。`);
      rerender();
    } catch (err) { msg.textContent = describe(err); }
  });
  return h('div', {}, h('div', { class: 'muted' }, `${t.visit.found_on} 已核查${t.visit.unlisted ? '，现场发现计划外设备' : ''}`),
    h('div', { class: 'inline' }, outcome, h('label', { class: 'inline' }, flag, '漏报/瞒报'),
      h('button', { type: 'button', class: 'primary tipoff-close', onclick: close }, '办结')), msg);
}

function stepCell(t, inspectors, rerender) {
  if (t.visit) return closeControls(t, rerender);
  if (t.task) return h('span', {}, `已派出：${KIND[t.task.kind]}，期限 ${t.task.due}，${t.task.inspectors.join('、')}`);
  return taskControls(t, inspectors, rerender);
}

export async function tipoffsPage() {
  const [{ tipoffs }, { enterprises }, { regions }, { accounts }] = await Promise.all([
    api('GET', '/api/v1/web/tipoffs'), api('GET', '/api/v1/web/enterprises'),
    api('GET', '/api/v1/web/regions'), api('GET', '/api/v1/web/accounts')]);
  const inspectors = accounts.filter((a) => a.role === 'inspector');
  const admin = session.role === 'admin';
  const section = h('section', { id: 'tipoffs-page' });
  const rerender = async () => section.replaceWith(await tipoffsPage());
  const open = tipoffs.filter((t) => t.state === 'open');
  const closed = tipoffs.filter((t) => t.state === 'closed');
  const common = (t) => [h('td', { class: 'nowrap' }, t.received_on), h('td', {}, CHANNEL[t.channel] || t.channel),
    h('td', {}, h('a', { href: `#/enterprise/${encodeURIComponent(t.enterprise_id)}` }, t.enterprise_name),
      h('div', { class: 'muted' }, t.region_name)),
    h('td', { class: 'wrap' }, t.content),
    admin ? h('td', { class: 'tipoff-contact' }, t.reporter_contact || '—') : null];
  const contactHead = admin ? ['举报人联系方式'] : [];
  append(section,
    h('h1', {}, '举报线索', h('small', {}, `未办结 ${open.length} 条，已办结 ${closed.length} 条`)),
    h('div', { class: 'forms' }, addForm(enterprises, regions, rerender)),
    h('h2', {}, `未办结（${open.length}）`),
    open.length
      ? table(['收到日期', '渠道', '企业', '举报内容', ...contactHead, '核查'],
        open.map((t) => h('tr', { 'data-tipoff': t.id }, common(t), h('td', {}, stepCell(t, inspectors, rerender)))),
        { class: 'data', id: 'tipoffs-open' })
      : h('p', { class: 'muted' }, '没有未办结的举报。'),
    h('h2', {}, `已办结（${closed.length}）`),
    closed.length
      ? table(['收到日期', '渠道', '企业', '举报内容', ...contactHead, '核查结果', '办结日期'],
        closed.map((t) => h('tr', { 'data-tipoff': t.id },
          common(t),
          h('td', { class: 'wrap' }, t.unreported ? h('span', { class: 'badge returned tipoff-flag' }, '漏报/瞒报') : null, ' ', t.outcome),
          h('td', { class: 'nowrap' }, t.closed_on))),
        { class: 'data', id: 'tipoffs-closed' })
      : h('p', { class: 'muted' }, '还没有办结的举报。'));
  return section;
}
