// The office web page in a real browser: Debian's headless chromium, driven by playwright-core,
// against the real fieldproof-server with demo data and inspections sent by the real sync
// client. Signs in, opens progress, a dossier (server-made thumbnails, the full photo on a
// click), returns an inspection with a reason (checked in office.db and on the tablet after its
// next sync), downloads a list and checks its rows, opens the print view (full photos); as
// admin adds an inspector, revokes a tablet, reads the push audit, adds an enterprise outside
// the plan and reads the office journal; a screenshot of each page
// goes to the output folder.
//   node webtest.mjs --server BIN --sync BIN --out DIR [--source DIR]
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { parseCsv } from './csv.mjs';
import { Office, run, sql } from './office.mjs';

const TOTAL_BUDGET_MS = 240_000;
const STEP_TIMEOUT_MS = 15_000;

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) throw new Error(`webtest.mjs needs --${name}`);
  return process.argv[i + 1];
}

const out = option('out');
const source = process.argv.includes('--source') ? option('source') : fileURLToPath(new URL('../..', import.meta.url));
fs.mkdirSync(out, { recursive: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-browser-'));
const office = new Office({ server: option('server'), sync: option('sync'), dir });
let browser;

const watchdog = setTimeout(() => {
  console.error(`browser test: gave up after ${TOTAL_BUDGET_MS / 1000} s`);
  process.exit(1);
}, TOTAL_BUDGET_MS);

function step(name) { console.log(`-- ${name}`); }
/// Answers the page's confirmation dialog with its OK button (or 取消 when `cancel`), after checking
/// that it says `expect`; returns what it said.
async function confirmDialog(page, expect, { cancel = false } = {}) {
  await page.locator('#confirm-dialog').waitFor({ state: 'visible' });
  const text = await page.locator('#confirm-text').textContent();
  if (expect) assert.ok(text.includes(expect), `the confirmation says '${expect}': ${text}`);
  assert.equal(await page.locator('#confirm-cancel').textContent(), '取消', 'the dialog speaks Chinese');
  await page.click(cancel ? '#confirm-cancel' : '#confirm-ok');
  await page.locator('#confirm-dialog').waitFor({ state: 'hidden' });
  return text;
}

/// The local date `days` from today as a date input writes it: the server checks dates against
/// today (a task cannot be due in the past, a card cannot be issued in the future).
function inDays(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/// The form controls on screen that have no name for a screen reader or a click on their caption
/// (no <label>, aria-label or aria-labelledby; a placeholder is not a label), as "tag#id/name".
async function unlabelledControls(page) {
  return page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden' && el.getClientRects().length > 0)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => `${el.tagName.toLowerCase()}#${el.id || el.name || el.className}`));
}

/// The window as the user sees it (1280x900); `fullPage` for the long pages. Every page shot is
/// also checked for inputs without labels (issue 16 item 10).
async function shot(page, name, fullPage = false) {
  const unlabelled = await unlabelledControls(page);
  assert.deepEqual(unlabelled, [], `page ${name}: inputs without a label`);
  const file = path.join(out, `web-${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`   screenshot ${file}`);
}

/// A valid credit code (GB 32100, with the GB 11714 organization code inside) from its first 16
/// characters: the two check characters computed.
function creditCode(first16) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const orgBody = first16.slice(8, 16);
  const orgSum = [3, 7, 9, 10, 5, 8, 4, 2].reduce((s, w, i) => s + w * parseInt(orgBody[i], 36), 0);
  const org = 11 - (orgSum % 11);
  const first17 = first16 + (org === 10 ? 'X' : org === 11 ? '0' : String(org));
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((s, w, i) => s + w * alphabet.indexOf(first17[i]), 0);
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

/// The plan sheet's distinct credit codes and equipment rows, read from the file itself.
function samplePlan() {
  const rows = parseCsv(fs.readFileSync(path.join(source, 'data/plan-sample.csv'), 'utf8')).filter((r) => r.length > 3);
  const codeCol = rows[0].indexOf('统一社会信用代码');
  const body = rows.slice(1).filter((r) => r[codeCol]);
  return { codes: new Set(body.map((r) => r[codeCol])), rows: body.length };
}

/// A tablet of li (感王镇, 腾鳌镇) enrols and pushes a copy of one of zhang's inspections under a
/// new id: its enterprise is outside li's scope, so the office refuses it (out_of_scope); and an
/// item of a type the office does not take (unsupported_type).
async function pushOutOfScope() {
  const enrolled = await fetch(`${office.url}/api/v1/devices/enroll`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'li', password: 'li-demo-2017', device_name: '李的平板' }),
  });
  assert.equal(enrolled.status, 200, 'li enrols a tablet');
  const { device_id: deviceId, token } = await enrolled.json();
  const [oldId, data] = sql(office.db, "SELECT i.id || '|' || i.data FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id " +
    "JOIN region r ON r.id = e.region_id WHERE r.name NOT IN ('感王镇', '腾鳌镇') LIMIT 1").split(/\|(.*)/s);
  const id = randomUUID();
  const push = () => fetch(`${office.url}/api/v1/sync/push`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ device_id: deviceId, batch_id: randomUUID(), items: [{
      type: 'inspection', id, version: 1, data: JSON.parse(data.replaceAll(oldId, id)), device_time: new Date().toISOString(),
    }, {
      type: 'note', id: randomUUID(), version: 1, data: { text: '现场备注' }, device_time: new Date().toISOString(),
    }] }),
  });
  const res = await push();
  assert.equal(res.status, 200);
  const { results } = await res.json();
  assert.deepEqual(results.map((r) => r.code), ['out_of_scope', 'unsupported_type'], `li's push is refused: ${JSON.stringify(results)}`);
  const enterprise = sql(office.db, `SELECT e.name FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id WHERE i.id = '${oldId}'`);
  return { id, deviceId, enterprise, push };
}

async function main() {
  step('start the office and sync a simulated tablet');
  await office.start();
  office.tabletSync(10);
  const received = Number(sql(office.db, "SELECT count(*) FROM review WHERE state = 'received'"));
  assert.ok(received >= 10, `the office should hold 10 received inspections, holds ${received}`);

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(office.url)) problems.push(`left the office: ${r.url()}`); });

  step('sign in (a wrong password first)');
  await page.goto(office.url + '/');
  await page.fill('#username', 'office');
  await page.fill('#password', 'wrong-password');
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#login-error')?.textContent.includes('用户名或密码错误'));
  await shot(page, 'login');
  await page.fill('#password', 'office-demo-2017');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#progress-page');

  step('progress');
  const plan = samplePlan();
  const kpi = await page.locator('.kpi b').first().textContent();
  assert.equal(Number(kpi), plan.codes.size, 'planned enterprises on screen vs the plan sheet');
  assert.ok(await page.locator('#progress-page svg.chart').count() >= 2, 'two bar charts');
  // Nothing is reviewed yet: every final inspection waits beside the figures and counts nowhere.
  const unreviewed = Number(sql(office.db, "SELECT count(*) FROM review WHERE state = 'received'"));
  assert.ok(unreviewed > 0, 'the simulated tablet pushed final inspections');
  assert.equal(Number(await page.locator('#pending-review-count').textContent()), unreviewed, 'pending review on screen');
  const regions = Number(sql(office.db, 'SELECT count(*) FROM region'));
  assert.equal(await page.locator('#progress-page table.data:not(#alerts-table)').first().locator('tbody tr').count(), regions);
  await shot(page, 'progress', true);

  step('dossier with photos');
  const [eid, ename] = sql(office.db, "SELECT e.id || '|' || e.name FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id " +
    "WHERE i.kind = 'acceptance' LIMIT 1").split('|');
  assert.ok(eid, 'the simulated tablet sent an acceptance visit');
  // The tablet marks a mock location's fix as simulated, with its age (device schema v5): one visit's position as it would arrive.
  run('sqlite3', [office.db, `UPDATE inspection SET data = json_set(data, '$.inspection.position', json('{"lat":40.851,"lon":122.752,"accuracy_m":8,"fix_age_s":12,"simulated":true}')) WHERE enterprise_id = '${eid}'`]);
  // Every photo and signature the page fetches from here on: thumbnails or whole blobs.
  const blobs = [];
  page.on('response', (r) => {
    const m = r.url().match(/\/api\/v1\/web\/blobs\/([0-9a-f]{64})(\/thumb)?$/);
    if (m) blobs.push({ sha: m[1], thumb: Boolean(m[2]), type: r.headers()['content-type'], status: r.status() });
  });
  await page.click('#nav a[data-page=enterprises]');
  await page.waitForSelector('#enterprises-page');
  // A credit code typed in lower case finds its enterprise; the status filter and sort work.
  const ecode = sql(office.db, `SELECT credit_code FROM enterprise WHERE id = '${eid}'`);
  await page.fill('#enterprise-filter', ecode.toLowerCase());
  assert.deepEqual(await page.locator('#enterprise-table tbody tr:visible a.enterprise-link').allTextContents(), [ename],
    'the credit code in lower case finds the enterprise');
  await page.fill('#enterprise-filter', '');
  await page.selectOption('#enterprise-status', 'pending');
  const pendingShown = await page.locator('#enterprise-table tbody tr:visible').evaluateAll((trs) => trs.map((tr) => tr.dataset.status));
  assert.ok(pendingShown.length > 0 && pendingShown.every((s) => s === 'pending'), `only 未开始: ${pendingShown}`);
  await page.selectOption('#enterprise-status', '');
  await page.selectOption('#enterprise-order', 'status');
  const order = await page.locator('#enterprise-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.status));
  const rank = { accepted: 0, done: 1, in_progress: 2, pending: 3 };
  assert.ok(order.every((s, i) => i === 0 || rank[order[i - 1]] <= rank[s]), `sorted by status: ${order}`);
  await page.selectOption('#enterprise-order', '');
  await page.fill('#enterprises-page input.filter', ename);
  await page.click(`#enterprises-page a.enterprise-link:text-is("${ename}")`);
  await page.waitForSelector('#dossier-page');
  const visits = Number(sql(office.db, `SELECT count(*) FROM inspection WHERE enterprise_id = '${eid}'`));
  assert.equal(await page.locator('#dossier-page article.inspection').count(), visits, 'one card per visit');
  assert.match(await page.locator('#dossier-page .fix.simulated').first().textContent(), /定位于 12 秒前 模拟定位/, 'a simulated fix is flagged, with its age');
  const thumb = page.locator('#dossier-page .thumb img').first();
  await thumb.scrollIntoViewIfNeeded();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumb.elementHandle());
  const sources = await page.locator('#dossier-page .thumb img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
  assert.ok(sources.length > 0 && sources.every((src) => /^\/api\/v1\/web\/blobs\/[0-9a-f]{64}\/thumb$/.test(src)),
    `the dossier's photos are server thumbnails: ${sources}`);
  const small = await thumb.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
  assert.ok(small[0] > 0 && Math.max(...small) <= 320, `a thumbnail is at most 320 px: ${small}`);
  const [firstSha] = sources[0].match(/[0-9a-f]{64}/);
  assert.ok(blobs.some((b) => b.sha === firstSha && b.thumb && b.status === 200 && b.type === 'image/jpeg'), 'the thumbnail came from /thumb');
  assert.deepEqual(blobs.filter((b) => !b.thumb && b.type === 'image/jpeg'), [], 'no full photo is fetched before the full view');
  await page.locator('#dossier-page .thumb-button').first().click();
  await page.waitForFunction(() => {
    const img = document.querySelector('#photo-full');
    return document.querySelector('#photo-dialog').open && img.complete && img.naturalWidth > 0;
  });
  const full = await page.evaluate(() => {
    const img = document.querySelector('#photo-full');
    return { src: img.getAttribute('src'), size: [img.naturalWidth, img.naturalHeight] };
  });
  assert.equal(full.src, `/api/v1/web/blobs/${firstSha}`, 'the full view opens the full blob');
  assert.ok(Math.max(...full.size) > 320 && full.size[0] >= small[0], `the full photo is larger than its thumbnail: ${full.size} vs ${small}`);
  assert.ok(blobs.some((b) => b.sha === firstSha && !b.thumb && b.type === 'image/jpeg'), 'the full photo was fetched on the click');
  await shot(page, 'photo');
  await page.click('#photo-dialog .close');
  const signature = page.locator('#dossier-page .signature img').first();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await signature.elementHandle());
  await shot(page, 'dossier');

  step('accept the acceptance visit, return another inspection with a reason');
  const aid = sql(office.db, `SELECT id FROM inspection WHERE enterprise_id = '${eid}' AND kind = 'acceptance' LIMIT 1`);
  await page.locator(`#dossier-page article[data-inspection="${aid}"] button.accept`).click();
  // Asked first: 取消 changes nothing; then 审核通过 says it happened (issue 16 item 5).
  await confirmDialog(page, '计入工作进度和公示名单', { cancel: true });
  assert.equal(sql(office.db, `SELECT state FROM review WHERE inspection_id = '${aid}'`), 'received', 'cancelled: not reviewed');
  await page.locator(`#dossier-page article[data-inspection="${aid}"] button.accept`).click();
  await page.locator('#confirm-dialog').waitFor({ state: 'visible' });
  await shot(page, 'confirm-accept');
  await confirmDialog(page, '审核通过');
  await page.waitForSelector(`#dossier-page article[data-inspection="${aid}"] .badge.accepted`);
  await page.locator('#notice', { hasText: '已审核通过' }).waitFor();
  assert.equal(sql(office.db, `SELECT state FROM review WHERE inspection_id = '${aid}'`), 'accepted');
  await page.click('#nav a[data-page=review]');
  await page.waitForSelector('#review-page');
  assert.equal(await page.locator('#review-page article.inspection').count(), received - 1, 'one fewer to review');
  assert.match(await page.locator('#review-page .thumb img').first().getAttribute('src'), /\/thumb$/, 'the review page shows thumbnails too');
  const iid = sql(office.db, "SELECT i.id FROM inspection i JOIN review r ON r.inspection_id = i.id " +
    "WHERE r.state = 'received' AND i.kind = 'exit' ORDER BY i.id LIMIT 1");
  const article = page.locator(`#review-page article[data-inspection="${iid}"]`);
  const reason = '铭牌照片不清晰，请补拍';
  await article.locator('button.return').click();
  await page.waitForFunction((id) => document.querySelector(`#review-page article[data-inspection="${id}"] .review-controls .error`)
    ?.textContent.includes('请填写退回原因'), iid);
  await article.locator('input.reason').fill(reason);
  await article.locator('button.return').click();
  await page.waitForFunction((id) => !document.querySelector(`#review-page article[data-inspection="${id}"]`), iid);
  assert.equal(await page.locator('#review-page article.inspection').count(), received - 2, 'two fewer to review');
  assert.equal(sql(office.db, `SELECT state || '|' || reason FROM review WHERE inspection_id = '${iid}'`), `returned|${reason}`);
  office.syncAgain();
  assert.equal(sql(office.tablet, `SELECT state || '|' || reason FROM reviews WHERE inspection_id = '${iid}'`), `returned|${reason}`,
    'the tablet holds the returned review after its next sync');
  await page.click('#review-page a.tab[href="#/review/returned"]');
  await page.waitForSelector(`#review-page article[data-inspection="${iid}"] .badge.returned`);
  await shot(page, 'review');

  step('two clerks at once: a stale tab is told who decided and when, and offered a reload');
  const sid = sql(office.db, "SELECT i.id FROM inspection i JOIN review r ON r.inspection_id = i.id " +
    "WHERE r.state = 'received' ORDER BY i.id LIMIT 1");
  await page.click('#review-page a.tab[href="#/review/received"]');
  const staleArticle = page.locator(`#review-page article[data-inspection="${sid}"]`);
  await staleArticle.waitFor();
  const tab2 = await context.newPage();
  await tab2.goto(`${office.url}/#/review/received`);
  await tab2.locator(`#review-page article[data-inspection="${sid}"] button.accept`).click();
  await confirmDialog(tab2, '审核通过');
  await tab2.waitForFunction((id) => !document.querySelector(`#review-page article[data-inspection="${id}"]`), sid);
  await tab2.close();
  assert.equal(sql(office.db, `SELECT state FROM review WHERE inspection_id = '${sid}'`), 'accepted');
  await staleArticle.locator('input.reason').fill('照片不清晰');
  await staleArticle.locator('button.return').click();
  const staleText = staleArticle.locator('.review-controls .error');
  await staleText.locator('button.reload').waitFor();
  const said = await staleText.textContent();
  assert.ok(said.includes('office') && said.includes('审核通过') && said.includes('请刷新'), `the stale review in Chinese: ${said}`);
  assert.ok(!/stale|409|bad_request/.test(said), `no code on the page: ${said}`);
  assert.equal(sql(office.db, `SELECT state FROM review WHERE inspection_id = '${sid}'`), 'accepted', 'the stale return changed nothing');
  await staleText.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'review-stale');
  await staleText.locator('button.reload').click();
  await page.waitForFunction((id) => !document.querySelector(`#review-page article[data-inspection="${id}"]`), sid);

  step('the review list: filtered and paged by the server in one request, Back keeps the filter; 1024×768');
  const reviewGets = [];
  const countReviewGets = (req) => { if (req.method() === 'GET' && req.url().includes('/api/v1/web/')) reviewGets.push(new URL(req.url()).pathname); };
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`${office.url}/#/review/all`);
  await page.waitForSelector('#review-filters');
  const regionValue = await page.locator('#review-region option').nth(1).getAttribute('value');
  await page.locator('#review-region').selectOption(regionValue);
  page.on('request', countReviewGets);
  await page.locator('#review-filters button[type=submit]').click();
  await page.waitForFunction((v) => location.hash.includes(`region=${encodeURIComponent(v)}`) && document.querySelector('#review-page h1'), regionValue);
  await page.waitForFunction((v) => document.querySelector('#review-region')?.value === v, regionValue);
  page.off('request', countReviewGets);
  assert.deepEqual(reviewGets, ['/api/v1/web/inspections'], `one request draws the review page: ${reviewGets}`);
  const logoutBox = await page.locator('#logout').boundingBox();
  assert.ok(logoutBox && logoutBox.x + logoutBox.width <= 1024, `退出登录 stays on screen at 1024 px: ${JSON.stringify(logoutBox)}`);
  await shot(page, 'review-1024');
  const enterpriseLinks = page.locator('#review-page .enterprise-line a');
  if (await enterpriseLinks.count()) {
    await enterpriseLinks.first().click();
    await page.waitForSelector('#dossier-page');
    await page.goBack();
    await page.waitForFunction((v) => document.querySelector('#review-region')?.value === v, regionValue);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  step('a published list, downloaded');
  await page.click('#nav a[data-page=lists]');
  await page.waitForSelector('#list-table');
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const csv = parseCsv(fs.readFileSync(await csvDownload.path(), 'utf8'));
  assert.deepEqual(csv[0].slice(0, 4), ['序号', '属地', '企业名称', '统一社会信用代码']);
  const csvRows = csv.slice(1).filter((r) => r.length > 1);
  assert.equal(csvRows.length, plan.rows, 'one CSV row per equipment row of the plan sheet');
  assert.deepEqual(new Set(csvRows.map((r) => r[3])), plan.codes, 'the same enterprises as the plan sheet');
  assert.equal(await page.locator('#list-table tbody tr').count(), csvRows.length, 'the screen shows the same rows');
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-xlsx')]);
  const xlsx = fs.readFileSync(await xlsxDownload.path());
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK', 'the XLSX download is a zip package');
  await shot(page, 'lists');

  step('print view of the acceptance opinion');
  await page.goto(`${office.url}/#/enterprise/${eid}`);
  await page.waitForSelector('#dossier-page');
  await page.click('#print-link');
  await page.waitForSelector('#print-page .a4');
  const doc = await page.locator('#print-page .a4').textContent();
  // On paper the full photos, not the thumbnails (sharp at 60 mm wide).
  const printed = await page.locator('#print-page .doc-photos img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
  assert.ok(printed.length > 0 && printed.every((src) => /^\/api\/v1\/web\/blobs\/[0-9a-f]{64}$/.test(src)), `the print view uses the full photos: ${printed}`);
  assert.ok(doc.includes(ename) && doc.includes('验收结论') && doc.includes('结论：通过'), 'the opinion names the enterprise and the verdict');
  // The office accepted this acceptance visit above: printed without the 未经审核 mark, signed by the office.
  assert.equal(await page.locator('#unreviewed-mark').count(), 0, 'an accepted acceptance visit prints without the unreviewed mark');
  assert.ok(doc.includes('工作协调小组办公室'), 'the office name is under an accepted opinion');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#topbar').isVisible(), false, 'no navigation on paper');
  await shot(page, 'print', true);
  await page.pdf({ path: path.join(out, 'web-print.pdf'), format: 'A4' });
  await page.emulateMedia({ media: 'screen' });

  step('map and the other pages');
  await page.goto(`${office.url}/#/map`);
  await page.waitForSelector('#map-page');
  assert.equal(await page.locator('#map-page .map-point').count(), Number(sql(office.db, 'SELECT count(*) FROM enterprise')));
  await shot(page, 'map');
  await page.click('#nav a[data-page=plan]');
  await page.waitForSelector('#task-table');
  await shot(page, 'plan');

  step('at 1024×768 an enterprise name fits its select, and the line under it names the chosen one in full');
  await page.setViewportSize({ width: 1024, height: 768 });
  const cutNames = await page.locator('#task-enterprise').evaluate((sel) => {
    const style = getComputedStyle(sel);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    // The closed select shows its text between the paddings, minus the arrow (about 20 px).
    const room = sel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    return [...sel.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => `${o.text} (${room} px)`);
  });
  assert.deepEqual(cutNames, [], 'enterprise names cut in the task form at 1024 px');
  await page.locator('#task-enterprise').selectOption(eid);
  assert.ok((await page.locator('#task-enterprise + .chosen-enterprise').textContent()).includes(ecode),
    'the chosen enterprise is named with its credit code');
  await shot(page, 'plan-1024');
  await page.setViewportSize({ width: 1280, height: 900 });

  step('one click is one action: a double-click on 挂牌 and on 分派 sends one request each');
  const posts = [];
  const countPosts = (req) => { if (req.method() === 'POST') posts.push(new URL(req.url()).pathname); };
  page.on('request', countPosts);
  const cardsBefore = Number(sql(office.db, 'SELECT count(*) FROM card'));
  const cardForm = page.locator('form.card-form', { hasText: '挂牌(' });
  await cardForm.locator('select[name=enterprise_id]').selectOption(eid);
  await cardForm.locator('input[name=issued_on]').fill('2017-03-15');
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/web/cards')),
    (async () => { await cardForm.locator('button[type=submit]').dblclick(); await confirmDialog(page, '挂牌'); })()]);
  await page.locator('#notice', { hasText: '已挂牌' }).waitFor();
  // The page is drawn anew after the write: wait for the new one, not the old one's table.
  await page.waitForSelector(`#plan-page h2:has-text("挂牌与整改（${cardsBefore + 1}）")`);
  const tasksBefore = Number(sql(office.db, 'SELECT count(*) FROM task'));
  await page.locator('#task-enterprise').selectOption(eid);
  await page.locator('#task-due').fill(inDays(30));
  await page.locator('#task-inspectors').selectOption('zhang');
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/web/tasks')),
    page.locator('form.card-form', { hasText: '分派任务' }).locator('button[type=submit]').dblclick()]);
  await page.waitForSelector(`#plan-page h2:has-text("任务（${tasksBefore + 1}）")`);
  page.off('request', countPosts);
  assert.equal(posts.filter((p) => p === '/api/v1/web/cards').length, 1, `one card request: ${posts}`);
  assert.equal(posts.filter((p) => p === '/api/v1/web/tasks').length, 1, `one task request: ${posts}`);
  assert.equal(Number(sql(office.db, 'SELECT count(*) FROM card')), cardsBefore + 1, 'one card on the list');
  assert.equal(Number(sql(office.db, 'SELECT count(*) FROM task')), tasksBefore + 1, 'one task');

  step('a card issued by mistake is withdrawn with its reason and leaves the yellow list');
  const cid = sql(office.db, `SELECT id FROM card WHERE enterprise_id = '${eid}' AND state = 'open' ORDER BY rowid DESC LIMIT 1`);
  const yellowBefore = (await (await page.request.get(office.url + '/api/v1/web/lists/yellow')).json()).rows.length;
  const cardRowLoc = page.locator(`#card-table tr[data-card="${cid}"]`);
  await cardRowLoc.locator('button.withdraw').click();
  await cardRowLoc.locator('.error', { hasText: '请填写撤回原因' }).waitFor();
  await cardRowLoc.locator('input.withdraw-reason').fill('误发：企业选错');
  await cardRowLoc.locator('button.withdraw').click();
  await confirmDialog(page, '记录和原因会保留');
  await page.waitForSelector('#card-table td:has-text("已撤回(误发)：误发：企业选错")');
  assert.equal(sql(office.db, `SELECT state FROM card WHERE id = '${cid}'`), 'withdrawn', 'withdrawn, not deleted');
  assert.equal(sql(office.db, `SELECT by FROM card_history WHERE card_id = '${cid}' ORDER BY seq DESC LIMIT 1`), 'office');
  assert.equal((await (await page.request.get(office.url + '/api/v1/web/lists/yellow')).json()).rows.length, yellowBefore - 1,
    'the withdrawn card left the yellow list');
  await page.locator('#card-table').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'plan-withdrawn');

  step('记录已整改 asks first, says it happened, and whoever recorded it can undo it');
  const oid = sql(office.db, "SELECT id FROM card WHERE state = 'open' AND level = 'yellow' ORDER BY rowid LIMIT 1");
  const openRow = page.locator(`#card-table tr[data-card="${oid}"]`);
  await openRow.locator('button.rectify').click();
  await confirmDialog(page, '离开公示名单');
  await page.locator('#notice', { hasText: '已整改' }).waitFor();
  await page.locator(`#card-table tr[data-card="${oid}"] button.reopen`).waitFor();
  assert.equal(sql(office.db, `SELECT state FROM card WHERE id = '${oid}'`), 'rectified');
  await page.locator(`#card-table tr[data-card="${oid}"]`).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'plan-rectified');
  await page.locator(`#card-table tr[data-card="${oid}"] button.reopen`).click();
  await confirmDialog(page, '恢复为未整改');
  await page.locator('#notice', { hasText: '已撤销' }).waitFor();
  await page.locator(`#card-table tr[data-card="${oid}"] button.rectify`).waitFor();
  assert.equal(sql(office.db, `SELECT state FROM card WHERE id = '${oid}'`), 'open', 'the rectification is undone');
  assert.equal(sql(office.db, `SELECT action || ':' || by FROM card_history WHERE card_id = '${oid}' ORDER BY seq DESC LIMIT 1`),
    'reopened:office', 'the undo is in the card history');

  step('撤销 a task asks first: 取消 keeps it');
  const taskCount = Number(sql(office.db, 'SELECT count(*) FROM task'));
  await page.locator('#task-table button.remove-task').first().click();
  await confirmDialog(page, '平板上不再显示', { cancel: true });
  assert.equal(Number(sql(office.db, 'SELECT count(*) FROM task')), taskCount, 'cancelled: the task stays');
  await page.locator('#task-table button.remove-task').first().click();
  await confirmDialog(page, '任务');
  await page.waitForSelector(`#plan-page h2:has-text("任务（${taskCount - 1}）")`);
  await page.locator('#notice', { hasText: '已撤销' }).waitFor();
  assert.equal(Number(sql(office.db, 'SELECT count(*) FROM task')), taskCount - 1, 'one task fewer');

  step('errors in Chinese: an XLSX sheet, a bad line, a card extension, a task outside a scope');
  const importForm = page.locator('form.card-form', { hasText: '导入淘汰计划' });
  await page.locator('#plan-file').setInputFiles({ name: 'plan.xlsx', mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK\x03\x04 not really a workbook') });
  await importForm.locator('button[type=submit]').click();
  await importForm.locator('#import-result .error').waitFor();
  const xlsxSaid = await importForm.locator('#import-result').textContent();
  assert.ok(xlsxSaid.includes('另存为'), `the XLSX refusal in Chinese: ${xlsxSaid}`);
  // The sample sheet's header and first row, with the credit code's check character changed.
  const [header, first] = fs.readFileSync(path.join(source, 'data/plan-sample.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const badLine = first.replace(/\b([0-9A-Z]{17})([0-9A-Z])\b/, (_, head, check) => head + (check === '0' ? '1' : '0'));
  assert.notEqual(badLine, first, 'the sample row has a credit code to spoil');
  await page.locator('#plan-file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${badLine}\n`) });
  await importForm.locator('button[type=submit]').click();
  await page.locator('#import-errors li').first().waitFor();
  const lineSaid = await page.locator('#import-errors').textContent();
  const lineSent = await page.locator('#import-errors li').first().getAttribute('title');
  assert.match(lineSaid, /第 2 行：统一社会信用代码.*第 18 位校验码/, `the bad line in Chinese: ${lineSaid} (server: ${lineSent})`);
  assert.ok(!/[a-z]{4,} [a-z]{3,}/.test(lineSaid), `the line errors in Chinese, not English: ${lineSaid}`);
  await importForm.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'plan-errors');

  step('the import result stays when the page is drawn again, with the skipped rows to download; a blank template');
  await page.locator('#plan-page').evaluate((el) => { el.dataset.before = '1'; });
  await page.check('#skip-bad-rows');
  await page.locator('#plan-file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${first}\n${badLine}\n`) });
  await importForm.locator('button[type=submit]').click();
  await page.waitForSelector('#plan-page:not([data-before])'); // drawn anew after the import
  const kept = await page.locator('#import-result').textContent();
  assert.match(kept, /已读取 1 行设备.*跳过有错误的 1 行/, `the result stays after the redraw: ${kept}`);
  assert.match(await page.locator('#import-errors').textContent(), /第 3 行/, 'the skipped line stays listed');
  const [skippedDownload] = await Promise.all([page.waitForEvent('download'), page.click('#skipped-rows')]);
  const skippedCsv = fs.readFileSync(await skippedDownload.path(), 'utf8');
  assert.ok(skippedCsv.startsWith('\uFEFF行号,问题'), `the skipped rows for Excel: ${skippedCsv}`);
  assert.match(skippedCsv, /"3","第 3 行：统一社会信用代码/, `the skipped line in the CSV: ${skippedCsv}`);
  await page.locator('#import-result').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, 'plan-import-kept');
  const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.click('#plan-template')]);
  const template = fs.readFileSync(await templateDownload.path(), 'utf8');
  assert.equal(template.replace(/^\uFEFF/, '').split(/\r?\n/)[0], header, "the template's header is the sample sheet's");
  await page.click('#nav a[data-page=progress]');
  await page.waitForSelector('#progress-page');
  await page.click('#nav a[data-page=plan]');
  await page.waitForSelector('#plan-page');
  assert.equal(await page.locator('#import-result').textContent(), '', 'leaving the page clears the result');

  step('same names told apart: two enterprises of one name show their credit codes');
  // Another enterprise of the sample renamed, by a sheet, to the name of one with a card.
  const sheetLines = fs.readFileSync(path.join(source, 'data/plan-sample.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const [firstName, firstCode] = sql(office.db, "SELECT e.name || '|' || e.credit_code FROM card c JOIN enterprise e ON e.id = c.enterprise_id " +
    "WHERE c.state = 'open' ORDER BY c.rowid LIMIT 1").split('|');
  const otherLine = sheetLines.slice(1).find((l) => l.split(',').length > 3 && l.split(',')[2] !== firstName);
  const [otherName, otherCode] = otherLine.split(',').slice(2, 4);
  const importSheet = async (text) => {
    await page.locator('#plan-file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${text}\n`) });
    await page.locator('#plan-page').evaluate((el) => { el.dataset.before = '1'; });
    await page.locator('form.card-form', { hasText: '导入淘汰计划' }).locator('button[type=submit]').click();
    await page.waitForSelector('#plan-page:not([data-before])');
  };
  await importSheet(otherLine.replace(otherName, firstName));
  const options = await page.locator('#task-enterprise option').allTextContents();
  const twins = options.filter((o) => o.includes(firstName));
  assert.equal(twins.length, 2, `two options of the same name: ${twins}`);
  assert.ok(twins.some((o) => o.includes(firstCode)) && twins.some((o) => o.includes(otherCode)),
    `each with its credit code: ${twins}`);
  assert.ok(!options.some((o) => o.includes(otherName)), 'the renamed enterprise no longer shows its old name');
  const cardNames = await page.locator('#card-table td:first-child').allTextContents();
  const sharedCards = cardNames.filter((t) => t.includes(firstName));
  assert.ok(sharedCards.length > 0 && sharedCards.every((t) => t.includes(firstCode)),
    `a card of a shared name shows the credit code: ${cardNames}`);
  await page.locator('#card-table').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'plan-same-names');
  await importSheet(otherLine); // the name back, for the steps below
  assert.ok((await page.locator('#task-enterprise option').allTextContents()).some((o) => o.includes(otherName)));
  const extendRow = page.locator('#card-table tbody tr', { has: page.locator('button', { hasText: '延期' }) }).first();
  const dates = extendRow.locator('input[type=date]');
  await dates.nth(0).fill('2030-01-01');
  await dates.nth(1).fill('2017-09-01');
  await extendRow.locator('input[placeholder=延期原因]').fill('技改');
  await extendRow.locator('button', { hasText: '延期' }).click();
  await extendRow.locator('.error', { hasText: '最多延期 3 个月' }).waitFor();
  // A due date before today is refused by the date picker itself: no request leaves the page.
  const taskForm = page.locator('form.card-form', { hasText: '分派任务' });
  const taskPosts = [];
  const countTaskPosts = (req) => { if (req.method() === 'POST' && req.url().endsWith('/api/v1/web/tasks')) taskPosts.push(req); };
  page.on('request', countTaskPosts);
  await page.locator('#task-enterprise').selectOption(eid);
  await page.locator('#task-due').fill(inDays(-1));
  await page.locator('#task-inspectors').selectOption('zhang');
  await taskForm.locator('button[type=submit]').click();
  assert.equal(await page.locator('#task-due').evaluate((el) => el.validity.rangeUnderflow), true,
    'a due date in the past is out of the picker\'s range');
  assert.equal(await page.locator('#task-due').getAttribute('min'), inDays(0), 'the picker starts today');
  page.off('request', countTaskPosts);
  assert.equal(taskPosts.length, 0, 'no task request for a due date in the past');
  await page.locator('#task-due').fill(inDays(30));
  await page.locator('#task-inspectors').selectOption('li');
  await taskForm.locator('button[type=submit]').click();
  await taskForm.locator('.error', { hasText: '不在 li 的核查范围内' }).waitFor();
  const pageText = await page.locator('main').textContent();
  assert.ok(!pageText.includes('bad_request') && !pageText.includes('（400'), 'no error code on the page');

  step('typed text survives a session that ends: sign in again and it is still there');
  const typedRow = page.locator('#card-table tbody tr', { has: page.locator('input.withdraw-reason') }).first();
  const typedCard = await typedRow.getAttribute('data-card');
  await typedRow.locator('input.withdraw-reason').fill('企业名称录入错误，待核实');
  // Another tab of the same browser signs out: this tab's session is gone on the server.
  const other = await context.newPage();
  await other.goto(`${office.url}/#/progress`);
  await other.locator('#logout').click();
  await other.locator('#login-form').waitFor();
  await other.close();
  await typedRow.locator('button.withdraw').click();
  await confirmDialog(page, '撤回');
  await page.locator('#login-form').waitFor();
  assert.equal(await page.locator('#main').isHidden(), true, 'the page is hidden, not dropped');
  await page.fill('#username', 'office');
  await page.fill('#password', 'office-demo-2017');
  await page.locator('#login-form button[type=submit]').click();
  await page.locator('#notice', { hasText: '已重新登录' }).waitFor();
  assert.equal(await page.locator(`#card-table tr[data-card="${typedCard}"] input.withdraw-reason`).inputValue(),
    '企业名称录入错误，待核实', 'the typed reason is still there');
  assert.equal(sql(office.db, `SELECT state FROM card WHERE id = '${typedCard}'`), 'open', 'nothing was saved while signed out');
  await page.locator(`#card-table tr[data-card="${typedCard}"] input.withdraw-reason`).fill('');

  await page.goto(`${office.url}/#/enterprise/no-such-enterprise`);
  await page.locator('main .error', { hasText: '找不到这家企业' }).waitFor();
  assert.ok(!(await page.locator('main').textContent()).includes('not_found'), 'the unknown dossier in Chinese');
  await shot(page, 'dossier-unknown');
  await page.click('#nav a[data-page=plan]');
  await page.waitForSelector('#task-table');

  step('accounts as office staff: the lists, no changes');
  const refused = await pushOutOfScope();
  await page.click('#nav a[data-page=accounts]');
  await page.waitForSelector('#account-table');
  assert.equal(await page.locator('#account-table tbody tr').count(), Number(sql(office.db, 'SELECT count(*) FROM app_user')));
  assert.equal(await page.locator('#device-table tbody tr').count(), Number(sql(office.db, 'SELECT count(*) FROM device')));
  assert.ok(await page.locator('#admin-only').isVisible(), 'office staff are told that changes need an admin');
  assert.equal(await page.locator('#account-form, #accounts-page button').count(), 0, 'no change controls for office staff');

  step('sign in as admin: add an inspector with a region');
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#username', 'admin');
  await page.fill('#password', 'admin-demo-2017');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#progress-page');
  await page.click('#nav a[data-page=accounts]');
  await page.waitForSelector('#account-form');
  await page.fill('#new-username', 'zhao');
  await page.selectOption('#new-role', 'inspector');
  await page.fill('#new-password', 'short');
  await page.click('#account-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#account-form [role=alert]')?.textContent.includes('至少 8 个字符'));
  await page.fill('#new-password', 'zhao-demo-2017');
  await page.locator('#new-regions label', { hasText: '感王镇' }).locator('input').check();
  await page.click('#account-form button[type=submit]');
  await page.waitForSelector('#account-table tr[data-username="zhao"]');
  assert.equal(await page.locator('#account-table tr[data-username="zhao"] td.scope').textContent(), '感王镇');
  assert.equal(sql(office.db, "SELECT u.role || '|' || r.name FROM app_user u JOIN user_region ur ON ur.user_id = u.id " +
    "JOIN region r ON r.id = ur.region_id WHERE u.username = 'zhao'"), 'inspector|感王镇');
  // The same name again: the server's 409, in words on the page.
  await page.fill('#new-username', 'zhao');
  await page.fill('#new-password', 'zhao-demo-2017');
  await page.click('#account-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#account-form [role=alert]')?.textContent.includes('已存在'));

  step('change zhao\'s regions, reset zhao\'s password');
  const zhao = page.locator('#account-table tr[data-username="zhao"]');
  await zhao.locator('button.edit-scope').click();
  await page.locator('#account-table tr.editor label', { hasText: '马风镇' }).locator('input').check();
  await page.locator('#account-table tr.editor button.save-scope').click();
  await page.waitForFunction(() => document.querySelector('#account-table tr[data-username="zhao"] td.scope')?.textContent === '感王镇、马风镇');
  assert.equal(sql(office.db, "SELECT group_concat(r.name, '、') FROM (SELECT r.name FROM app_user u JOIN user_region ur ON ur.user_id = u.id " +
    "JOIN region r ON r.id = ur.region_id WHERE u.username = 'zhao' ORDER BY r.name) r"), '感王镇、马风镇');
  await zhao.locator('button.reset-password').click();
  await page.fill('#account-table tr.editor input.new-password', 'zhao-new-2017');
  await page.click('#account-table tr.editor button.confirm-password');
  await page.waitForFunction(() => document.querySelector('#accounts-notice')?.textContent.includes('已重置“zhao”的密码'));
  const enrolZhao = (password) => fetch(`${office.url}/api/v1/devices/enroll`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'zhao', password, device_name: '赵的平板' }),
  });
  assert.equal((await enrolZhao('zhao-demo-2017')).status, 401, 'the old password no longer enrols');
  assert.equal((await enrolZhao('zhao-new-2017')).status, 200, 'the new password enrols');

  await (await import('./steps-devices.mjs')).deviceSteps(page, { office, step, sql, syncedId: refused.deviceId });
  step('revoke li\'s tablet, with a confirmation');
  const deviceRow = page.locator(`#device-table tr[data-device="${refused.deviceId}"]`);
  await deviceRow.locator('button.revoke').click();
  await deviceRow.locator('button', { hasText: '取消' }).click();
  assert.equal(sql(office.db, `SELECT revoked_at IS NULL FROM device WHERE id = '${refused.deviceId}'`), '1', 'cancelled: still active');
  await deviceRow.locator('button.revoke').click();
  await deviceRow.locator('button.confirm-revoke').click();
  await page.waitForSelector(`#device-table tr[data-device="${refused.deviceId}"] .badge.returned`);
  assert.equal(sql(office.db, `SELECT revoked_at IS NOT NULL FROM device WHERE id = '${refused.deviceId}'`), '1');
  assert.equal((await refused.push()).status, 401, 'a revoked tablet cannot push');
  await page.locator('#account-table tr[data-username="li"] button.reset-password').click();
  await page.waitForSelector('#account-table tr.editor input.new-password');
  await shot(page, 'accounts', true);
  await page.locator('#account-table tr.editor button', { hasText: '取消' }).click();
  await (await import('./steps-depts.mjs')).departmentSteps({ page, office, step, shot, confirmDialog, sql, inDays });

  step('the push audit');
  await page.click('#nav a[data-page=audit]');
  const audited = page.locator(`#audit-table tr[data-item="${refused.id}"]`);
  await audited.waitFor();
  const line = await audited.textContent();
  assert.ok(line.includes('超出核查范围') && line.includes(refused.enterprise) && line.includes('李的平板') && line.includes('li'),
    `the refused push with its reason, enterprise and tablet: ${line}`);
  const rejected = Number(sql(office.db, "SELECT count(*) FROM push_audit WHERE status = 'rejected'"));
  assert.equal(await page.locator('#audit-table tbody tr').count(), rejected, 'every rejection, on one page');
  await shot(page, 'audit');
  await page.selectOption('#audit-code', 'unsupported_type');
  await page.waitForFunction((id) => location.hash === '#/audit/unsupported_type' && document.querySelector('#audit-table') &&
    !document.querySelector(`#audit-table tr[data-item="${id}"]`), refused.id);
  await page.selectOption('#audit-code', 'out_of_scope');
  await audited.waitFor();

  step('an enterprise outside the plan, added on the plan page');
  const newCode = creditCode('91210381MA0WEB12');
  await page.click('#nav a[data-page=plan]');
  await page.waitForSelector('#enterprise-form');
  await page.fill('#enterprise-credit_code', '91210381MA0WEB12XX');
  await page.fill('#enterprise-name', '举报线索铸造厂');
  await page.click('#enterprise-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#enterprise-result')?.textContent.includes('统一社会信用代码'));
  assert.equal(sql(office.db, "SELECT count(*) FROM enterprise WHERE name = '举报线索铸造厂'"), '0', 'a bad code adds nothing');
  await page.fill('#enterprise-credit_code', newCode);
  await page.selectOption('#enterprise-region', '马风镇');
  await page.fill('#enterprise-industry', '铸造');
  await page.fill('#enterprise-legal_representative', '赵某');
  const [created] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/web/enterprises') && r.request().method() === 'POST'),
    page.click('#enterprise-form button[type=submit]')]);
  assert.equal(created.status(), 201, `added: ${await created.text()}`);
  await page.waitForSelector('#task-enterprise option:has-text("举报线索铸造厂")', { state: 'attached' });
  const newId = sql(office.db, `SELECT id FROM enterprise WHERE credit_code = '${newCode}'`);
  assert.ok(newId, 'the enterprise is in office.db');
  assert.equal(sql(office.db, `SELECT count(*) FROM equipment WHERE enterprise_id = '${newId}'`), '0', 'no planned equipment');
  await page.click('#nav a[data-page=enterprises]');
  await page.waitForSelector(`#enterprises-page a[href="#/enterprise/${newId}"]`);
  assert.ok((await page.locator(`#enterprises-page tr:has(a[href="#/enterprise/${newId}"])`).textContent()).includes('计划外'));
  await (await import('./steps-finds.mjs')).findsSteps({ page, office, step, shot, confirmDialog, inDays, enterprise: { code: newCode, id: newId } });

  step('the journal: who did what, filtered by account and by kind');
  await page.click('#nav a[data-page=journal]');
  await page.waitForSelector('#journal-table');
  const journalText = await page.locator('#journal-table').textContent();
  for (const words of ['新增企业', '停用平板', '新建账号', '登录被拒'])
    assert.ok(journalText.includes(words), `the journal shows ${words}`);
  const added = page.locator(`#journal-table tr[data-kind="enterprise.added"]`).first();
  assert.ok((await added.textContent()).includes('admin') && (await added.textContent()).includes('举报线索铸造厂'));
  await shot(page, 'journal');
  await page.fill('#journal-account', 'office');
  // The filtered page is drawn after its request answers: wait for that answer, then for the
  // table drawn from it (the unfiltered table stays on screen until then).
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/web/journal?') && r.url().includes('account=office')),
    page.click('#journal-apply')]);
  await page.waitForFunction(() => location.hash.startsWith('#/journal/') &&
    !document.querySelector('#journal-table tr[data-kind="enterprise.added"]'));
  const officeKinds = await page.locator('#journal-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.kind));
  assert.ok(officeKinds.length > 0 && officeKinds.includes('review.returned') && officeKinds.includes('card.withdrawn'),
    `office's own actions: ${officeKinds}`);
  assert.ok(!officeKinds.includes('enterprise.added'), 'not the admin\'s');
  await page.selectOption('#journal-kind', 'card');
  await page.click('#journal-apply');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('kind=card'));
  await page.waitForSelector('#journal-table');
  const cardKinds = await page.locator('#journal-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.kind));
  assert.ok(cardKinds.length > 0 && cardKinds.every((k) => k.startsWith('card.')), `card actions only: ${cardKinds}`);
  assert.equal(cardKinds.length, Number(sql(office.db, "SELECT count(*) FROM office_journal WHERE account = 'office' AND kind LIKE 'card.%'")));
  await shot(page, 'journal-filtered');
  assert.throws(() => run('sqlite3', [office.db, 'DELETE FROM office_journal']), /append-only/, 'the journal refuses DELETE');

  await (await import('./steps-pubs.mjs')).publicationSteps(page, { office, step, shot, confirmDialog, sql });
  step('sign out');
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  assert.equal((await page.request.get(office.url + '/api/v1/web/progress')).status(), 401, 'signed out means no data');
  assert.deepEqual(problems, [], 'no script errors, CSP violations or requests leaving the office');
}

let failed = false;
try {
  await main();
  console.log('browser test: passed');
} catch (err) {
  failed = true;
  console.error(`browser test: FAILED: ${err.stack || err}`);
  if (fs.existsSync(office.log)) console.error(fs.readFileSync(office.log, 'utf8').split('\n').slice(-30).join('\n'));
} finally {
  if (browser) await browser.close();
  await office.stop();
  clearTimeout(watchdog);
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
