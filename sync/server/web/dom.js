// Building DOM without innerHTML: every text from the server goes in as text, never as markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

export function append(el, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const SVG = 'http://www.w3.org/2000/svg';
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

export function table(headers, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

export function num(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '';
  return Number(v).toLocaleString('zh-CN', { maximumFractionDigits: digits });
}

export function percent(part, whole) {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—';
}

/// "2017-09-02T03:00:01.000Z" as local Beijing time "2017-09-02 11:00:01".
export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function position(p) {
  if (!p) return '无定位';
  const acc = p.accuracy_m !== undefined && p.accuracy_m !== null ? ` ±${Math.round(p.accuracy_m)}米` : '';
  return `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}${acc}`;
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || ''}` }, text);
}

/// Opens the full-size photo viewer (the dialog in index.html).
export function showPhoto(src, caption) {
  const dialog = document.getElementById('photo-dialog');
  document.getElementById('photo-full').src = src;
  document.getElementById('photo-caption').textContent = caption;
  dialog.showModal();
}

/// One click is one action: runs `fn` with `button` disabled until it ends; a click on a
/// disabled button does nothing.
export async function busy(button, fn) {
  if (!button || button.disabled) return undefined;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/// The names that more than one enterprise of `enterprises` carries (the plan import found 14
/// such pairs in one city): there the page adds the credit code (issue 16 item 9).
export function sameNames(enterprises) {
  const seen = new Set();
  const twice = new Set();
  for (const e of enterprises) (seen.has(e.name) ? twice : seen).add(e.name);
  return twice;
}

/// An enterprise's name, with its credit code after it when `always` or when the name is in
/// `twice` (sameNames()).
export function enterpriseLabel(name, code, { twice, always = false } = {}) {
  return always || (twice && twice.has(name)) ? [name, ' ', h('span', { class: 'credit-code' }, code)] : name;
}

/// Asks before an action that changes the office's record (issue 16 item 5), in the page's own
/// dialog (index.html) so that its buttons speak Chinese. Resolves true on the OK button only
/// (Esc and 取消 are false).
export function confirmAction(text, okLabel = '确定') {
  const dialog = document.getElementById('confirm-dialog');
  clearNotice(); // the last action's notice is not about this one
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = okLabel;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
  });
}

/// Says that an action happened, above the page: it stays through the page's redraw and goes
/// with the next page or the next notice.
export function notify(text) {
  document.getElementById('notice-text').textContent = text;
  document.getElementById('notice').hidden = false;
}

export function clearNotice() {
  document.getElementById('notice').hidden = true;
  document.getElementById('notice-text').textContent = '';
}

/// Shows `text` in `el`; after a 409 stale answer also a 刷新 button that calls `reload`.
export function showError(el, text, err, reload) {
  el.replaceChildren(text);
  if (err && err.code === 'stale' && reload) {
    el.append(' ', h('button', { type: 'button', class: 'reload', onclick: () => reload() }, '刷新'));
  }
}
