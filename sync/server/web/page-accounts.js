// 账号与设备: the accounts with their departments, scopes and tablets, and every enrolled tablet.
// Office staff see the lists; an admin adds accounts, sets an office account's department,
// changes an inspector's (or a town office's) regions, resets a password and revokes a tablet —
// the same rules as `fieldproof-server user` and `device`.
import { api, describe, session } from './api.js';
import { h, table, time, badge, append } from './dom.js';
import { DEPARTMENT, DEPARTMENT_ORDER, ROLE, ROLE_ORDER } from './labels.js';

const MIN_PASSWORD_CHARS = 8; // as the server and `user add` count them: characters, not bytes

function passwordProblem(password) {
  const n = [...password].length;
  return n < MIN_PASSWORD_CHARS ? `密码至少 ${MIN_PASSWORD_CHARS} 个字符（现在 ${n} 个）。` : '';
}

function usernameProblem(name) {
  const n = [...name].length;
  if (n < 2 || n > 32) return `用户名须为 2 到 32 个字符（现在 ${n} 个）。`;
  return /[\s\u0000-\u001f\u007f]/.test(name) ? '用户名不能含空格或控制字符，例如“王五”或“wang.wu”。' : '';
}

/// The error of a change as a sentence; a taken username in Chinese.
function changeError(err, username) {
  return err.code === 'conflict' ? `用户名“${username}”已存在，请换一个。` : describe(err);
}

function regionPicker(regions, chosen, id) {
  return h('fieldset', { class: 'region-picker', id },
    h('legend', {}, '属地(可多选)'),
    regions.length ? regions.map((r) => h('label', { class: 'inline' },
      h('input', { type: 'checkbox', value: r.name, checked: chosen.includes(r.name) }), r.name))
      : h('span', { class: 'muted' }, '尚未导入计划，没有属地可选。'));
}

function picked(picker) {
  return [...picker.querySelectorAll('input:checked')].map((i) => i.value);
}

/// Whose regions limit what the account sees: inspectors and town or zone offices.
const regionScoped = (role, department) => role === 'inspector' || (role === 'office' && department === 'region');

function departmentSelect(id, value) {
  return h('select', { name: 'department', id, 'aria-label': '部门' },
    DEPARTMENT_ORDER.map((d) => h('option', { value: d, selected: d === value }, DEPARTMENT[d])));
}

function departmentText(a) {
  if (a.role === 'admin') return '全部(管理员)';
  if (a.role !== 'office') return '—';
  return a.department === 'none'
    ? h('span', { class: 'badge overdue' }, '未分配部门(暂按全部权限)')
    : DEPARTMENT[a.department] || a.department;
}

function scopeText(a) {
  if (!regionScoped(a.role, a.department)) return '全部企业';
  const parts = [...a.regions, ...a.enterprises.map((e) => e.name)];
  return parts.length ? parts.join('、') : '无(看不到任何企业)';
}

function addForm(regions, rerender) {
  const username = h('input', { name: 'username', id: 'new-username', autocomplete: 'off', required: true });
  const mine = ROLE_ORDER.indexOf(session.role);
  const role = h('select', { name: 'role', id: 'new-role' },
    ROLE_ORDER.filter((r, i) => i <= mine).map((r) => h('option', { value: r }, ROLE[r])));
  const password = h('input', { type: 'password', name: 'password', id: 'new-password', autocomplete: 'new-password', required: true });
  const picker = regionPicker(regions, [], 'new-regions');
  const department = departmentSelect('new-department', 'economy');
  const departmentLabel = h('label', {}, '部门(办公室账号)', department);
  const shown = () => {
    departmentLabel.hidden = role.value !== 'office';
    picker.hidden = !regionScoped(role.value, department.value);
  };
  role.addEventListener('change', shown);
  department.addEventListener('change', shown);
  shown();
  const msg = h('p', { role: 'alert' });
  const form = h('form', { class: 'card-form', id: 'account-form' },
    h('h2', {}, '新建账号'),
    h('label', {}, '用户名', username), h('label', {}, '角色', role), departmentLabel,
    h('label', {}, `初始密码(至少 ${MIN_PASSWORD_CHARS} 个字符)`, password), picker,
    h('button', { type: 'submit', class: 'primary' }, '新建账号'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.className = 'error';
    const name = username.value.trim();
    msg.textContent = usernameProblem(name) || passwordProblem(password.value);
    if (msg.textContent) return;
    try {
      await api('POST', '/api/v1/web/accounts', {
        username: name, role: role.value, password: password.value,
        department: role.value === 'office' ? department.value : 'none',
        regions: regionScoped(role.value, department.value) ? picked(picker) : [],
      });
      rerender(`已新建${ROLE[role.value]}账号“${name}”。`);
    } catch (err) { msg.textContent = changeError(err, name); }
  });
  return form;
}

/// The row under an account that holds one open editor (regions or password).
function editorRow(tr, columns, ...content) {
  if (tr.nextElementSibling?.classList.contains('editor')) tr.nextElementSibling.remove();
  const row = h('tr', { class: 'editor' }, h('td', { colspan: columns }, h('div', { class: 'editor-box' }, content)));
  tr.after(row);
  return row;
}

function scopeEditor(a, tr, columns, regions, rerender) {
  const picker = regionPicker(regions, a.regions, `scope-${a.username}`);
  const msg = h('span', { class: 'error', role: 'alert' });
  const row = editorRow(tr, columns, picker,
    h('span', { class: 'actions' },
      h('button', { type: 'button', class: 'primary save-scope', onclick: async () => {
        try {
          await api('POST', '/api/v1/web/accounts/scope', { username: a.username, regions: picked(picker) });
          rerender(`已修改“${a.username}”的属地；其平板下次同步时重新下载数据。`);
        } catch (err) { msg.textContent = describe(err); }
      } }, '保存属地'),
      h('button', { type: 'button', onclick: () => row.remove() }, '取消'), msg));
}

function departmentEditor(a, tr, columns, rerender) {
  const select = departmentSelect(`department-${a.username}`, a.department === 'none' ? 'economy' : a.department);
  const msg = h('span', { class: 'error', role: 'alert' });
  const row = editorRow(tr, columns,
    h('label', { class: 'inline' }, `“${a.username}”的部门`, select),
    h('button', { type: 'button', class: 'primary save-department', onclick: async (ev) => {
      ev.target.disabled = true;
      try {
        await api('POST', '/api/v1/web/accounts/department', { username: a.username, department: select.value });
        rerender(`已将“${a.username}”的部门改为${DEPARTMENT[select.value]}。` +
          (select.value === 'region' ? '镇（区）办公室只能查看和审核其属地的企业。' : ''));
      } catch (err) { ev.target.disabled = false; msg.textContent = describe(err); }
    } }, '保存部门'),
    h('button', { type: 'button', onclick: () => row.remove() }, '取消'),
    h('span', { class: 'muted' }, '各局只能办理本部门负责标准的挂牌；镇（区）办公室须先有属地。'), msg);
}

function passwordEditor(a, tr, columns, rerender) {
  const password = h('input', { type: 'password', class: 'new-password', autocomplete: 'new-password', 'aria-label': '新密码' });
  const msg = h('span', { class: 'error', role: 'alert' });
  const row = editorRow(tr, columns,
    h('label', { class: 'inline' }, `“${a.username}”的新密码`, password),
    h('button', { type: 'button', class: 'primary confirm-password', onclick: async () => {
      msg.textContent = passwordProblem(password.value);
      if (msg.textContent) return;
      try {
        await api('POST', '/api/v1/web/accounts/password', { username: a.username, password: password.value });
        rerender(`已重置“${a.username}”的密码：其已登录的页面已退出，需用新密码重新登录；已登记的平板不受影响（如平板遗失，请吊销）。`);
      } catch (err) { msg.textContent = describe(err); }
    } }, '确认重置'),
    h('button', { type: 'button', onclick: () => row.remove() }, '取消'),
    h('span', { class: 'muted' }, '已登记的平板仍可同步；如需停用，请在下方吊销该平板。'), msg);
  password.focus();
}

function accountTable(accounts, regions, admin, rerender) {
  const headers = ['用户名', '角色', '部门', '范围(属地 / 企业)', '在用平板', '最近登记平板'];
  if (admin) headers.push('操作');
  const rows = accounts.map((a) => {
    const tr = h('tr', { 'data-username': a.username },
      h('td', {}, a.username), h('td', {}, badge(ROLE[a.role] || a.role, `role-${a.role}`)),
      h('td', { class: 'department' }, departmentText(a)),
      h('td', { class: 'scope' }, scopeText(a)), h('td', {}, String(a.active_devices)),
      h('td', {}, a.last_enrolled_at ? time(a.last_enrolled_at) : '—',
        a.locked ? h('span', { class: 'badge overdue locked-badge' }, '登录已锁定') : null));
    if (admin) {
      append(tr, h('td', { class: 'row-actions' },
        a.role === 'office'
          ? h('button', { type: 'button', class: 'edit-department', onclick: () => departmentEditor(a, tr, headers.length, rerender) }, '修改部门')
          : null,
        regionScoped(a.role, a.department)
          ? h('button', { type: 'button', class: 'edit-scope', onclick: () => scopeEditor(a, tr, headers.length, regions, rerender) }, '修改属地')
          : null,
        h('button', { type: 'button', class: 'reset-password', onclick: () => passwordEditor(a, tr, headers.length, rerender) }, '重置密码'),
        a.locked ? h('button', { type: 'button', class: 'unlock', onclick: async (ev) => {
          ev.target.disabled = true;
          try {
            await api('POST', '/api/v1/web/accounts/unlock', { username: a.username });
            rerender(`已解锁“${a.username}”的登录。`);
          } catch (e) {
            ev.target.disabled = false;
            rerender(describe(e));
          }
        } }, '解锁登录') : null));
    }
    return tr;
  });
  return table(headers, rows, { class: 'data', id: 'account-table' });
}

// When a tablet last synced (the server notes it to the minute), to tell same-name tablets apart.
function lastSync(d) {
  return d.last_seen_at ? `最近同步 ${time(d.last_seen_at)}` : '从未同步';
}

function revokeControl(d, rerender) {
  const cell = h('td', { class: 'row-actions' });
  const ask = () => {
    const msg = h('span', { class: 'error', role: 'alert' });
    cell.replaceChildren(h('span', { class: 'confirm' },
      `确定吊销${d.username}的平板“${d.name}”（编号 ${d.id}，${time(d.enrolled_at)} 登记，${lastSync(d)}）？吊销后该平板不能再同步，需重新登记。`,
      h('button', { type: 'button', class: 'danger confirm-revoke', onclick: async () => {
        try {
          await api('POST', `/api/v1/web/devices/${encodeURIComponent(d.id)}/revoke`, {});
          rerender(`已吊销${d.username}的平板“${d.name}”。`);
        } catch (err) { msg.textContent = describe(err); }
      } }, '确认吊销'),
      h('button', { type: 'button', onclick: idle }, '取消'), msg));
  };
  const idle = () => cell.replaceChildren(d.active
    ? h('button', { type: 'button', class: 'revoke', onclick: ask }, '吊销')
    : '');
  idle();
  return cell;
}

function deviceTable(devices, admin, rerender) {
  const headers = ['平板编号', '账号', '平板名称', '登记时间', '最近同步', '状态'];
  if (admin) headers.push('操作');
  const rows = devices.map((d) => {
    const tr = h('tr', { 'data-device': d.id },
      h('td', { class: 'mono' }, d.id), h('td', {}, d.username), h('td', {}, d.name),
      h('td', {}, time(d.enrolled_at)),
      h('td', { class: 'last-sync' }, d.last_seen_at ? time(d.last_seen_at) : '从未同步'),
      h('td', {}, d.active ? badge('在用', 'done') : [badge('已吊销', 'returned'), ' ', time(d.revoked_at)]));
    if (admin) tr.append(revokeControl(d, rerender));
    return tr;
  });
  return table(headers, rows, { class: 'data', id: 'device-table' });
}

async function render(notice) {
  const [{ accounts }, { devices }, { regions }] = await Promise.all([
    api('GET', '/api/v1/web/accounts'), api('GET', '/api/v1/web/devices'), api('GET', '/api/v1/web/regions')]);
  const admin = session.role === 'admin';
  const section = h('section', { id: 'accounts-page' });
  const rerender = async (message) => section.replaceWith(await render(message));
  const active = devices.filter((d) => d.active).length;
  append(section,
    h('h1', {}, '账号与设备', h('small', {}, `${accounts.length} 个账号，${active} 台平板在用`)),
    notice ? h('p', { class: 'ok', role: 'status', id: 'accounts-notice' }, notice) : null,
    admin ? h('div', { class: 'forms' }, addForm(regions, rerender))
      : h('p', { class: 'muted', id: 'admin-only' }, '只有管理员账号可以新建账号、设置部门、修改属地、重置密码和吊销平板。'),
    h('h2', {}, `账号（${accounts.length}）`),
    accountTable(accounts, regions, admin, rerender),
    h('h2', {}, `平板（${devices.length}）`),
    devices.length ? deviceTable(devices, admin, rerender) : h('p', { class: 'muted' }, '还没有登记的平板。'));
  return section;
}

/// The page takes nothing from the address: a notice only ever follows the user's own change.
export function accountsPage() {
  return render('');
}
