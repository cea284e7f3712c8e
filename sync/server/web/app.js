// The office page: sign-in, navigation by #hash, and the photo viewer; each page in its module.
import { api, describe, session, setSignedOutHandler } from './api.js';
import { h } from './dom.js';
import { ROLE } from './labels.js';
import { progressPage } from './page-progress.js';
import { reviewPage } from './page-review.js';
import { enterprisesPage, dossierPage } from './page-dossier.js';
import { listsPage } from './page-lists.js';
import { planPage } from './page-plan.js';
import { printPage } from './page-print.js';
import { mapPage } from './page-map.js';
import { accountsPage } from './page-accounts.js';
import { auditPage } from './page-audit.js';
import { journalPage } from './page-journal.js';

const main = document.getElementById('main');
const pages = {
  progress: progressPage, review: reviewPage, enterprises: enterprisesPage,
  enterprise: dossierPage, lists: listsPage, plan: planPage, print: printPage, map: mapPage,
  accounts: accountsPage, audit: auditPage, journal: journalPage,
};

function showLogin(message) {
  document.getElementById('topbar').hidden = true;
  document.body.classList.remove('printing');
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' }, message || '');
  const user = h('input', { name: 'username', id: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { name: 'password', id: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'login', id: 'login-form' },
    h('h1', {}, '淘汰落后产能核查'),
    h('p', { class: 'muted' }, '市淘汰落后产能工作协调小组办公室'),
    h('label', {}, '用户名', user),
    h('label', {}, '密码', pass),
    h('button', { type: 'submit', class: 'primary' }, '登录'),
    error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const s = await api('POST', '/api/v1/web/login', { username: user.value, password: pass.value });
      signedIn(s);
      if (!location.hash || location.hash === '#/login') location.hash = '#/progress';
      else route();
    } catch (err) {
      error.textContent = describe(err);
    }
  });
  main.replaceChildren(form);
  user.focus();
}

function signedIn(s) {
  session.username = s.username;
  session.role = s.role;
  session.csrf = s.csrf_token;
  document.getElementById('who').textContent = `${s.username}（${ROLE[s.role] || s.role}）`;
  document.getElementById('topbar').hidden = false;
}

async function route() {
  if (!session.csrf) return;
  const [name, ...args] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const page = pages[name] ? name : 'progress';
  for (const a of document.querySelectorAll('#nav a')) {
    const active = a.dataset.page === page || (page === 'enterprise' && a.dataset.page === 'enterprises');
    a.classList.toggle('active', active);
  }
  document.body.classList.toggle('printing', page === 'print');
  main.replaceChildren(h('p', { class: 'muted' }, '正在加载…'));
  try {
    const content = await pages[page](...args);
    main.replaceChildren(content);
    main.dataset.page = page;
  } catch (err) {
    if (err.status === 401) return; // the sign-in form is already shown
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(err)));
  }
}

setSignedOutHandler((err) => {
  session.csrf = '';
  showLogin(describe(err));
});

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('POST', '/api/v1/web/logout'); } catch { /* signed out either way */ }
  session.csrf = '';
  location.hash = '#/login';
  showLogin('已退出登录。');
});

window.addEventListener('hashchange', route);

(async () => {
  try {
    signedIn(await api('GET', '/api/v1/web/session'));
    route();
  } catch (err) {
    showLogin(err.status === 401 && err.code === 'unauthorized' ? '' : describe(err));
  }
})();
