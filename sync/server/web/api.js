// The page's one way to talk to the server: same-origin fetch with the session cookie, the
// CSRF token on every change, and errors turned into sentences.
import { CHANGE_ACTION } from './labels.js';
import { time } from './dom.js';
import { chinese } from './messages.js';

export const session = { username: '', role: '', department: 'none', csrf: '' };

export class ApiError extends Error {
  constructor(status, code, message, body, retryAfter = 0) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
    this.retryAfter = retryAfter; // seconds, from Retry-After
  }
}

const MESSAGES = {
  bad_credentials: '用户名或密码错误。',
  forbidden: '此账号无权使用办公室页面（核查人员请使用平板）。',
  session_expired: '登录已过期，请重新登录。',
  unauthorized: '请先登录。',
  csrf: '安全校验失败，请刷新页面后重试。',
  too_many_attempts: (e) => `密码错误次数过多，请 ${waitText(e.retryAfter)}后再试。`,
  stale: (e) => {
    const b = e.body || {};
    const who = b.changed_by ? `${b.changed_by} ` : '其他人';
    const when = b.changed_at ? `已于 ${time(b.changed_at)} ` : '已';
    const what = CHANGE_ACTION[b.action] || '修改';
    return `${who}${when}${what}了这条记录，您看到的是旧内容，本次操作未执行。请刷新后查看最新状态再决定。`;
  },
  account_locked: (e) => `密码错误次数过多，此账号已锁定 ${waitText(e.retryAfter)}；请联系管理员在“账号与设备”中解锁。`,
};

function waitText(seconds) {
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
}

export function describe(err) {
  if (err instanceof ApiError) {
    // Signed in, a 403 forbidden is a change that needs an admin account.
    if (err.code === 'forbidden' && session.csrf) return '此操作需要管理员账号。';
    const zh = MESSAGES[err.code];
    if (typeof zh === 'function') return zh(err);
    // Every other code in Chinese with what to do next; the English stays with the API.
    return zh ? zh : chinese(err.message, err.code);
  }
  return `无法连接服务器：${err.message}`;
}

let onSignedOut = () => {};
export function setSignedOutHandler(fn) { onSignedOut = fn; }

// One click is one action: an identical change already on its way is not sent again, and every
// change carries an Idempotency-Key that a retry of the same change reuses (docs/web.md).
const inFlight = new Map();
const retryKeys = new Map();

function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // also outside secure contexts
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function send(method, path, headers, payload) {
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!res.ok) {
    const err = new ApiError(res.status, json?.error || 'http_' + res.status, json?.message || text, json,
      Number(res.headers.get('Retry-After')) || 0);
    if (res.status === 401 && path !== '/api/v1/web/login') onSignedOut(err);
    throw err;
  }
  return json;
}

export async function api(method, path, body, contentType = 'application/json') {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = session.csrf;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = contentType === 'application/json' ? JSON.stringify(body) : body;
  }
  if (method === 'GET' || typeof payload !== 'string' && payload !== undefined ||
      path === '/api/v1/web/login' || path === '/api/v1/web/logout') {
    return send(method, path, headers, payload);
  }
  const change = `${method} ${path} ${payload ?? ''}`;
  if (inFlight.has(change)) return inFlight.get(change);
  const key = retryKeys.get(change) || newKey();
  retryKeys.set(change, key);
  headers['Idempotency-Key'] = key;
  const sent = send(method, path, headers, payload).then((r) => {
    retryKeys.delete(change); // done: the same change later is a new action
    return r;
  }, (err) => {
    if (err instanceof ApiError && err.status < 500 && err.code !== 'request_in_progress') retryKeys.delete(change);
    throw err;
  }).finally(() => inFlight.delete(change));
  inFlight.set(change, sent);
  return sent;
}
