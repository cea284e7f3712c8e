// The office page: sign-in, navigation by #hash, and the photo viewer; each page in its module.
import { api, describe, session, setSignedOutHandler } from './api.js';
import { h, clearNotice, notify } from './dom.js';
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
import { findsPage } from './page-finds.js';
import { tipoffsPage } from './page-tipoffs.js';
import { publicationsPage } from './page-publications.js';
import { yearReportPage } from './page-yearreport.js';

const main = document.getElementById('main');
const loginLayer = document.getElementById('login-layer');
const pages = {
  progress: progressPage, review: reviewPage, enterprises: enterprisesPage,
  enterprise: dossierPage, lists: listsPage, plan: planPage, print: printPage, map: mapPage,
  accounts: accountsPage, audit: auditPage, journal: journalPage,
  finds: findsPage, tipoffs: tipoffsPage,
};
Object.assign(pages, { publications: publicationsPage, yearreport: yearReportPage });

/// The sign-in form. With `keep` (the session ended while a page was open) the page is only
/// hidden, not dropped: signing in again as the same account shows it as it was, with whatever
/// the clerk had typed (issue 16 item 10).
function showLogin(message, { keep = false } = {}) {
  const kept = keep && main.dataset.page && !main.hidden ? session.username : '';
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
      loginLayer.replaceChildren();
      main.hidden = false;
      signedIn(s);
      if (kept && kept === s.username && !location.hash.startsWith('#/login')) {
        notify('已重新登录。页面上填写的内容都还在：刚才没有保存成功的操作，请再提交一次。');
        return;
      }
      if (!location.hash || location.hash === '#/login') location.hash = '#/progress';
      else route();
    } catch (err) {
      error.textContent = describe(err);
    }
  });
  if (kept) {
    main.hidden = true;
  } else {
    main.replaceChildren();
    delete main.dataset.page;
  }
  clearNotice();
  loginLayer.replaceChildren(form);
  user.focus();
}

function signedIn(s) {
  session.username = s.username;
  session.role = s.role;
  session.department = s.department || 'none';
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
  delete main.dataset.page; // nothing typed to keep until the page is drawn
  try {
    const content = await pages[page](...args);
    main.replaceChildren(content);
    main.dataset.page = page;
    const y = scrolls.get(location.hash);
    if (y) window.scrollTo(0, y);
  } catch (err) {
    if (err.status === 401) return; // the sign-in form is already shown
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(err)));
  }
}

setSignedOutHandler((err) => {
  session.csrf = '';
  showLogin(describe(err), { keep: true });
});

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('POST', '/api/v1/web/logout'); } catch { /* signed out either way */ }
  session.csrf = '';
  clearNotice();
  location.hash = '#/login';
  showLogin('已退出登录。');
});

// Where each address was scrolled to when the clerk left it: Back returns there (issue 16 item 8).
const scrolls = new Map();
window.addEventListener('hashchange', (ev) => {
  scrolls.set(new URL(ev.oldURL).hash, window.scrollY);
  clearNotice();
  route();
});
document.getElementById('notice-close').addEventListener('click', clearNotice);

(async () => {
  try {
    signedIn(await api('GET', '/api/v1/web/session'));
    route();
  } catch (err) {
    showLogin(err.status === 401 && err.code === 'unauthorized' ? '' : describe(err));
  }
})();
