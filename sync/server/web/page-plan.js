// 计划与任务: import a plan sheet, assign tasks to inspectors, issue cards, record rectification.
import { api, describe, session } from './api.js';
import { lineProblem } from './messages.js';
import { h, table, badge, append, busy, showError, confirmAction, notify, clearNotice, sameNames, enterpriseLabel } from './dom.js';
import { KIND, LEVEL, STANDARD, CARD_STATE, DEPARTMENT } from './labels.js';

/// The enterprises as select options: town · name, and the credit code where two share a name.
/// The enterprises as options grouped by region (the region is the group's label, so the closed
/// select has the whole width for the name), the credit code after a name that two share.
function enterpriseOptions(enterprises) {
  const twice = sameNames(enterprises);
  const groups = new Map();
  for (const e of enterprises) {
    if (!groups.has(e.region_name)) groups.set(e.region_name, []);
    groups.get(e.region_name).push(h('option', { value: e.id, 'data-code': e.credit_code },
      `${e.name}${twice.has(e.name) ? `（${e.credit_code}）` : ''}`));
  }
  return [...groups].map(([region, options]) => h('optgroup', { label: region }, options));
}

/// An enterprise select with a line under it naming the chosen one in full (region, name, credit
/// code): a long name or a shared one is told apart even while the select is closed.
function enterpriseChooser(enterprises, attrs) {
  const byId = new Map(enterprises.map((e) => [e.id, e]));
  const ent = h('select', { name: 'enterprise_id', ...attrs }, enterpriseOptions(enterprises));
  const chosen = h('small', { class: 'chosen-enterprise' });
  const show = () => {
    const e = byId.get(ent.value);
    chosen.textContent = e ? `${e.region_name} · ${e.name} · ${e.credit_code}` : '';
    ent.title = chosen.textContent;
  };
  ent.addEventListener('change', show);
  show();
  return { ent, chosen };
}

function select(name, options, attrs = {}) {
  return h('select', { name, ...attrs }, Object.entries(options).map(([v, label]) => h('option', { value: v }, label)));
}

/// The last import's result: it stays through the page's redraw after the import and goes when
/// the clerk leaves the page (issue 16 item 7).
let lastImport = null;

/// The skipped rows as a CSV for Excel (UTF-8 with BOM): line, problem in Chinese, the server's
/// sentence.
function skippedRowsLink(errors) {
  const cell = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const csv = '\uFEFF行号,问题,说明(英文)\r\n' + errors.map((e) => [e.line, lineProblem(e), e.text].map(cell).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  return h('a', { href: url, download: '跳过的行.csv', id: 'skipped-rows' }, `下载有错误的 ${errors.length} 行(CSV)`);
}

function importResult(r) {
  const c = r.counts;
  return [h('p', { class: r.imported ? 'ok' : 'error' }, r.imported
    ? `已读取 ${r.rows_read} 行设备：新增属地 ${c.regions_added}，新增企业 ${c.enterprises_added}，更新企业 ${c.enterprises_updated}，新增设备 ${c.equipment_added}，更新设备 ${c.equipment_updated}，未变 ${c.unchanged}。`
      + (r.errors.length ? `跳过有错误的 ${r.errors.length} 行，未导入。` : '')
    : `有 ${r.errors.length} 行错误，未导入任何数据（修改后重新导入，或勾选“跳过有错误的行”）。`),
  r.errors.length ? [h('ul', { class: 'errors', id: 'import-errors' }, r.errors.map((e) => h('li', { title: e.text }, lineProblem(e)))),
    skippedRowsLink(r.errors)] : null];
}

function importForm(rerender) {
  const file = h('input', { type: 'file', id: 'plan-file', accept: '.csv,text/csv', 'aria-label': '计划表文件' });
  const skip = h('input', { type: 'checkbox', id: 'skip-bad-rows' });
  const out = h('div', { id: 'import-result', role: 'status' }, lastImport ? importResult(lastImport) : null);
  const form = h('form', { class: 'card-form' },
    h('h2', {}, '导入淘汰计划'),
    h('p', { class: 'muted' }, '各镇区摸底排查表(CSV：UTF-8、带 BOM 的 UTF-8 或 GBK)，每行一台(条)设备。重复导入不会产生重复数据。',
      h('a', { href: '/api/v1/web/plan/template.csv', download: '淘汰计划模板.csv', id: 'plan-template' }, '下载空白模板(CSV)')),
    file, h('label', { class: 'inline' }, skip, '跳过有错误的行，只导入正确的行'),
    h('button', { type: 'submit', class: 'primary' }, '导入'), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    out.replaceChildren();
    clearNotice();
    lastImport = null;
    if (!file.files[0]) { out.append(h('p', { class: 'error' }, '请选择文件。')); return; }
    const bytes = await file.files[0].arrayBuffer();
    let r;
    try {
      r = await api('POST', `/api/v1/web/plan${skip.checked ? '?skip_bad_rows=1' : ''}`, bytes, 'application/octet-stream');
    } catch (err) {
      r = err.body;
      if (!r || !r.errors) { out.append(h('p', { class: 'error' }, describe(err))); return; }
    }
    append(out, importResult(r));
    if (r.imported) { lastImport = r; rerender(); }
  });
  return form;
}

/// Today as a date input writes it (local time): the bound of the date pickers below. The server
/// checks the same bounds and says so in a sentence (issue 16 item 6).
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/// 新增企业(计划外): an enterprise with no planned equipment, e.g. found through a tip-off.
function enterpriseForm(regions, rerender) {
  const field = (name, label, attrs = {}) => h('label', {}, label, h('input', { name, id: `enterprise-${name}`, ...attrs }));
  const region = h('select', { name: 'region', id: 'enterprise-region' }, regions.map((r) => h('option', { value: r.name }, r.name)));
  const msg = h('p', { role: 'alert', id: 'enterprise-result' });
  const form = h('form', { class: 'card-form', id: 'enterprise-form' }, h('h2', {}, '新增企业(计划外)'),
    h('p', { class: 'muted' }, '不在淘汰计划中的企业(如举报线索)：没有计划设备；可以挂牌、派人核查，并同步到该属地的平板。'),
    field('credit_code', '统一社会信用代码', { required: true, maxlength: 18, autocomplete: 'off' }),
    field('name', '企业名称', { required: true }), h('label', {}, '属地', region),
    field('industry', '行业'), field('address', '地址'), field('legal_representative', '法定代表人'),
    field('contact_phone', '联系电话'),
    h('div', { class: 'inline' }, field('lat', '纬度', { type: 'number', step: 'any', min: -90, max: 90 }),
      field('lon', '经度', { type: 'number', step: 'any', min: -180, max: 180 })),
    h('button', { type: 'submit', class: 'primary' }, '新增企业'), msg);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = (name) => form.elements[name].value.trim();
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        const body = { credit_code: v('credit_code').toUpperCase(), name: v('name'), region: region.value,
          industry: v('industry'), address: v('address'), legal_representative: v('legal_representative'),
          contact_phone: v('contact_phone'), location: v('lat') && v('lon') ? { lat: Number(v('lat')), lon: Number(v('lon')) } : null };
        const e = await api('POST', '/api/v1/web/enterprises', body);
        notify(`已新增企业“${e.name}”（计划外）。`);
        rerender();
      } catch (err) { msg.className = 'error'; msg.textContent = describe(err); }
    });
  });
  return form;
}

function taskForm(enterprises, inspectors, rerender) {
  const { ent, chosen } = enterpriseChooser(enterprises, { id: 'task-enterprise' });
  const kind = select('kind', KIND, { id: 'task-kind' });
  const due = h('input', { type: 'date', name: 'due', id: 'task-due', required: true, min: today() });
  const who = h('select', { name: 'inspectors', id: 'task-inspectors', multiple: true, size: Math.min(5, inspectors.length) },
    inspectors.map((a) => h('option', { value: a.username }, `${a.username}（${a.regions.join('、') || '无属地'}）`)));
  const msg = h('p', { role: 'alert' });
  const form = h('form', { class: 'card-form' }, h('h2', {}, '分派任务'),
    h('label', {}, '企业', ent, chosen), h('label', {}, '阶段', kind), h('label', {}, '期限', due),
    h('label', {}, '核查人员(可多选)', who), h('button', { type: 'submit', class: 'primary' }, '分派'), msg);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        const inspectors = [...who.selectedOptions].map((o) => o.value);
        await api('POST', '/api/v1/web/tasks', { enterprise_id: ent.value, kind: kind.value, due: due.value, inspectors });
        notify(`已分派任务：${ent.selectedOptions[0]?.textContent || ''}，${KIND[kind.value]}，期限 ${due.value}，${inspectors.join('、')}。`);
        rerender();
      } catch (err) { msg.className = 'error'; msg.textContent = describe(err); }
    });
  });
  return form;
}

/// What a bureau's clerk issues: its standard first and its name as the issuing department.
const BUREAU = {
  economy: ['energy', '市经信局'], environment: ['environment', '市环保局'],
  market: ['quality', '市市场监督管理局'], safety: ['safety', '市安监局'],
};

function cardForm(enterprises, rerender) {
  if (session.role !== 'admin' && session.department === 'region') {
    return h('p', { class: 'muted', id: 'card-form-none' }, '挂牌由市级各负责部门办理；镇（区）办公室账号只能查看本属地的牌。');
  }
  const { ent, chosen } = enterpriseChooser(enterprises, { id: 'card-enterprise' });
  const level = select('level', LEVEL);
  const standard = select('standard', STANDARD);
  const [ownStandard, ownName] = (session.role !== 'admin' && BUREAU[session.department]) || ['energy', '市经信局'];
  standard.value = ownStandard;
  const dept = h('input', { name: 'department', value: ownName, required: true });
  const issued = h('input', { type: 'date', name: 'issued_on', required: true, max: today() });
  const review = h('input', { type: 'date', name: 'review_on' });
  const msg = h('p', { role: 'alert' });
  const form = h('form', { class: 'card-form' }, h('h2', {}, '挂牌(黄牌、红牌、超标排放)'),
    h('label', {}, '企业', ent, chosen), h('label', {}, '类别', level), h('label', {}, '不达标标准', standard),
    h('label', {}, '发牌部门', dept), h('label', {}, '发牌日期', issued),
    h('label', {}, '复查日期(安全类：立即停产停业整顿至此日)', review),
    h('button', { type: 'submit', class: 'primary' }, '挂牌'), msg);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form.querySelector('button[type=submit]'), async () => {
      const what = `${ent.selectedOptions[0]?.textContent || ''}：${LEVEL[level.value]}（${STANDARD[standard.value]}，${dept.value}，${issued.value}）`;
      if (!await confirmAction(`挂牌 ${what}？挂牌后企业即进入公示名单；挂错了只能撤回，记录会保留。`, '挂牌')) return;
      try {
        await api('POST', '/api/v1/web/cards', { enterprise_id: ent.value, level: level.value, standard: standard.value,
          department: dept.value, issued_on: issued.value, review_on: review.value || null });
        notify(`已挂牌 ${what}。`);
        rerender();
      } catch (err) { msg.className = 'error'; msg.textContent = describe(err); }
    });
  });
  return form;
}

function cardRow(c, twice, rerender) {
  const msg = h('span', { class: 'error' });
  const who = `${c.enterprise_name}的${LEVEL[c.level]}（${STANDARD[c.standard]}，${c.issued_on}）`;
  // Asks first when `ask` is given, then says what happened (issue 16 item 5).
  const act = (ev, path, body, { ask, okLabel, done }) => busy(ev.currentTarget, async () => {
    if (ask && !await confirmAction(ask, okLabel)) return;
    // Made against the version this page shows: another clerk's change since is 409 stale.
    try {
      await api('POST', `/api/v1/web/cards/${encodeURIComponent(c.id)}/${path}`, { ...body, expected_version: c.version });
      notify(done);
      rerender();
    } catch (err) { showError(msg, describe(err), err, rerender); }
  });
  const to = h('input', { type: 'date', class: 'small', title: '延期至', 'aria-label': '延期至' });
  const applied = h('input', { type: 'date', class: 'small', title: '企业申请日期', 'aria-label': '企业申请日期', max: today() });
  const reason = h('input', { class: 'small', placeholder: '延期原因', 'aria-label': '延期原因' });
  const actions = c.state !== 'open' || c.level === 'red' || !c.actionable ? [] : [
    h('button', { type: 'button', class: 'rectify', onclick: (ev) => act(ev, 'state', { state: 'rectified' }, {
      ask: `记录${who}已整改？它将离开公示名单；记错了可由记录人撤销。`, okLabel: '记录已整改',
      done: `已记录${who}已整改。` }) }, '记录已整改'),
    c.level === 'yellow' ? h('button', { type: 'button', class: 'close-by-law', onclick: (ev) => act(ev, 'state', { state: 'closed_by_law' }, {
      ask: `记录${who}已依法关停？黄牌转为红牌，企业进入红牌名单。`, okLabel: '依法关停',
      done: `已记录${who}依法关停，红牌名单已更新。` }) }, '依法关停(转红牌)') : null,
    c.extensible && !c.extended_to ? [to, applied, reason, h('button', { type: 'button',
      onclick: (ev) => act(ev, 'extend', { to: to.value, applied_on: applied.value, reason: reason.value }, {
        done: `已将${who}的整改期限延至 ${to.value}。` }) }, '延期')] : null];
  // A rectification recorded by mistake is undone by whoever recorded it, the department that
  // set it, or an admin (the server says which: `undoable`).
  const undo = c.state === 'rectified' && c.undoable
    ? h('button', { type: 'button', class: 'reopen', onclick: (ev) => act(ev, 'state', { state: 'open' }, {
      ask: `撤销${who}的“已整改”记录？这张牌恢复为未整改，重新进入公示名单。`, okLabel: '撤销已整改',
      done: `已撤销${who}的“已整改”记录。` }) }, '撤销已整改') : null;
  // A card issued by mistake is withdrawn with its reason; it stays here with its history.
  const why = h('input', { class: 'small withdraw-reason', placeholder: '撤回原因', 'aria-label': '撤回原因' });
  const withdrawable = c.actionable && (c.state === 'open' || (c.level === 'red' && c.state !== 'withdrawn'));
  // Another department's card: say who answers for it instead of offering its actions.
  const elsewhere = c.actionable || c.undoable ? null
    : h('span', { class: 'muted responsible' }, `由${DEPARTMENT[c.responsible_department] || c.responsible_department}办理`);
  const withdraw = withdrawable ? [why, h('button', { type: 'button', class: 'danger withdraw', onclick: (ev) => {
    if (!why.value.trim()) { msg.textContent = '请填写撤回原因（例如：企业录入错误）。'; return undefined; }
    return act(ev, 'withdraw', { reason: why.value.trim() }, {
      ask: `撤回${who}？撤回后它离开公示名单，记录和原因会保留。`, okLabel: '撤回',
      done: `已撤回${who}。` });
  } }, '撤回(误发)')] : null;
  const withdrawal = (c.history || []).find((x) => x.action === 'withdrawn');
  const stateText = withdrawal ? `${CARD_STATE[c.state]}：${withdrawal.reason}（${withdrawal.by}，${withdrawal.at.slice(0, 10)}）` : CARD_STATE[c.state];
  const cells = [enterpriseLabel(c.enterprise_name, c.enterprise_code, { twice }), badge(LEVEL[c.level], c.level), STANDARD[c.standard], c.department, c.issued_on,
    c.deadline ? h('span', { class: c.overdue ? 'overdue' : '' }, c.deadline + (c.overdue ? '（逾期）' : '')) : '—',
    stateText, h('span', {}, actions, undo, withdraw, elsewhere, msg)];
  return h('tr', { 'data-card': c.id }, cells.map((x) => h('td', {}, x)));
}

/// The page as the menu opens it: a fresh page, no import result from an earlier visit.
export async function planPage() {
  lastImport = null;
  return drawPlanPage();
}

async function drawPlanPage() {
  const [{ enterprises }, { accounts }, { tasks }, { cards }, { regions }] = await Promise.all([
    api('GET', '/api/v1/web/enterprises'), api('GET', '/api/v1/web/accounts'),
    api('GET', '/api/v1/web/tasks'), api('GET', '/api/v1/web/cards'), api('GET', '/api/v1/web/regions')]);
  const names = Object.fromEntries(enterprises.map((e) => [e.id, e.name]));
  const codes = Object.fromEntries(enterprises.map((e) => [e.id, e.credit_code]));
  const twice = sameNames(enterprises);
  const section = h('section', { id: 'plan-page' });
  const rerender = async () => section.replaceWith(await drawPlanPage());
  const inspectors = accounts.filter((a) => a.role === 'inspector');
  const removeTask = (ev, t, msg) => busy(ev.currentTarget, async () => {
    const what = `${names[t.enterprise_id] || t.enterprise_id}的${KIND[t.kind]}任务（期限 ${t.due}，${t.inspectors.join('、')}）`;
    if (!await confirmAction(`撤销${what}？核查人员同步后平板上不再显示这项任务。`, '撤销任务')) return;
    try { await api('DELETE', `/api/v1/web/tasks/${encodeURIComponent(t.id)}`); notify(`已撤销${what}。`); rerender(); }
    catch (err) { msg.textContent = describe(err); }
  });
  append(section, h('h1', {}, '计划与任务'),
    h('div', { class: 'forms' }, importForm(rerender), enterpriseForm(regions, rerender),
      taskForm(enterprises, inspectors, rerender), cardForm(enterprises, rerender)),
    h('h2', {}, `任务（${tasks.length}）`),
    table(['企业', '阶段', '期限', '核查人员', '状态', ''], tasks.map((t) => {
      const msg = h('span', { class: 'error' });
      return [h('a', { href: `#/enterprise/${t.enterprise_id}` },
        enterpriseLabel(names[t.enterprise_id] || t.enterprise_id, codes[t.enterprise_id], { twice })), KIND[t.kind],
        h('span', { class: t.overdue ? 'overdue' : '' }, t.due), t.inspectors.join('、'),
        t.done ? '已完成' : t.overdue ? '逾期' : '进行中',
        h('span', {}, h('button', { type: 'button', class: 'remove-task', onclick: (ev) => removeTask(ev, t, msg) }, '撤销'), msg)];
    }), { class: 'data', id: 'task-table' }),
    h('h2', {}, `挂牌与整改（${cards.length}）`),
    table(['企业', '类别', '标准', '发牌部门', '发牌日期', '整改期限', '状态', '操作'], cards.map((c) => cardRow(c, twice, rerender)),
      { class: 'data', id: 'card-table' }));
  return section;
}
