// Browser steps of issue 14 items 2 and 3 (called once from webtest.mjs, signed in as admin,
// after the enterprise outside the plan was added): an inspector whose only enterprise has no
// planned equipment records items on site (漏报) on a real simulated tablet; the office confirms
// one into the plan and dismisses the other on the 现场发现 page; a tip-off about that enterprise
// is registered, tasked and closed by the visit that followed on the 举报线索 page.
import assert from 'node:assert/strict';
import path from 'node:path';
import { run, sql } from './office.mjs';

export async function findsSteps({ page, office, step, shot, confirmDialog, inDays, enterprise }) {
  step('on-site finds: a tablet records items outside the plan');
  run(office.server, ['user', 'add', '--data', office.data, '--username', 'sun', '--role', 'inspector',
    '--enterprise', enterprise.code], 'sun-demo-2017\n');
  const tablet = path.join(office.dir, 'tablet-sun.db');
  const syncSun = () => run(office.sync, ['run', '--db', tablet]);
  run(office.sync, ['enroll', '--db', tablet, '--server', office.url, '--username', 'sun'], 'sun-demo-2017\n');
  syncSun();
  run(office.sync, ['simulate', '--db', tablet, '--inspections', '2', '--photos', '2', '--photo-bytes', '60000', '--seed', '3']);
  syncSun();
  const pushed = Number(sql(office.db, `SELECT count(*) FROM inspection WHERE enterprise_id = '${enterprise.id}' AND state = 'final'`));
  assert.equal(pushed, 2, 'sun pushed two visits');

  await page.click('#nav a[data-page=finds]');
  await page.waitForSelector('#finds-open');
  const open = page.locator(`#finds-open tbody tr:has(a[href="#/enterprise/${enterprise.id}"])`);
  assert.equal(await open.count(), 2, 'both finds wait, each with its visit');
  assert.match(await open.first().textContent(), /中频炉/);

  step('confirm one find into the plan');
  const first = open.first();
  const firstCheck = await first.getAttribute('data-check');
  await first.locator('.confirm-find').click();
  await confirmDialog(page, '纳入淘汰计划');
  await page.waitForSelector(`#finds-decided tr[data-check="${firstCheck}"][data-state=confirmed]`);
  assert.equal(sql(office.db, `SELECT count(*) FROM equipment WHERE id = '${firstCheck}' AND enterprise_id = '${enterprise.id}'`), '1',
    'a plan row named after its check');
  assert.equal(await page.locator('#finds-open tbody tr').count(), 1, 'one find still waits');
  await page.locator('#finds-page h1').scrollIntoViewIfNeeded();
  await shot(page, 'finds', true);

  step('dismiss the other with a reason');
  const second = page.locator('#finds-open tbody tr').first();
  const secondCheck = await second.getAttribute('data-check');
  await second.locator('.dismiss-find').click();
  await page.waitForFunction(() => document.querySelector('#finds-open .find-decide .error')?.textContent.includes('排除原因'));
  await second.locator('.find-reason').fill('与纳入计划的中频炉为同一台设备');
  await second.locator('.dismiss-find').click();
  await confirmDialog(page, '排除');
  await page.waitForSelector(`#finds-decided tr[data-check="${secondCheck}"][data-state=dismissed]`);
  assert.ok((await page.locator('#finds-regions').textContent()).includes('马风镇'), 'the report counts by region');
  const csv = await page.request.get(`${office.url}/api/v1/web/finds/report.csv`);
  assert.equal(csv.status(), 200);
  const csvText = await csv.text();
  assert.ok(csvText.includes('已纳入计划') && csvText.includes('与纳入计划的中频炉为同一台设备'), 'the CSV lists both decisions');
  assert.equal(sql(office.db, "SELECT count(*) FROM office_journal WHERE kind LIKE 'find.%'"), '2', 'both journalled');

  step('a tip-off: registered, tasked, closed by the visit that followed');
  await page.click('#nav a[data-page=tipoffs]');
  await page.waitForSelector('#tipoff-form');
  await page.selectOption('#tipoff-channel', 'letter');
  await page.fill('#tipoff-content', '举报线索铸造厂厂房后院另有一台中频炉，未列入淘汰计划');
  await page.selectOption('#tipoff-enterprise', enterprise.id);
  await page.fill('#tipoff-contact', '王先生 13800000000');
  await page.click('#tipoff-form button[type=submit]');
  const row = page.locator('#tipoffs-open tbody tr').first();
  await row.waitFor();
  assert.ok((await row.locator('.tipoff-contact').textContent()).includes('13800000000'), 'an admin sees the contact');
  await row.locator('.tipoff-task-due').fill(inDays(7));
  await row.locator('.tipoff-task-inspector').selectOption('sun');
  await row.locator('.tipoff-send').click();
  await confirmDialog(page, '核查这条举报');
  await page.waitForFunction(() => document.querySelector('#tipoffs-open tbody tr')?.textContent.includes('已派出'));
  // The visits sun pushed today follow the tip-off: the page offers to close it with one.
  run(office.sync, ['simulate', '--db', tablet, '--inspections', '1', '--photos', '1', '--photo-bytes', '60000', '--seed', '5']);
  syncSun();
  await page.click('#nav a[data-page=finds]');
  await page.waitForSelector('#finds-page');
  await page.click('#nav a[data-page=tipoffs]');
  await page.waitForSelector('#tipoffs-open .tipoff-close');
  const closing = page.locator('#tipoffs-open tbody tr').first();
  assert.ok(await closing.locator('.tipoff-unreported').isChecked(), 'a visit that found an unlisted line ticks 漏报/瞒报');
  await closing.locator('.tipoff-outcome').fill('现场核实：另有中频炉一台，已纳入计划');
  await closing.locator('.tipoff-close').click();
  await confirmDialog(page, '办结');
  await page.waitForSelector('#tipoffs-closed .tipoff-flag');
  assert.equal(sql(office.db, "SELECT count(*) FROM tipoff WHERE unreported = 1 AND closed_on <> ''"), '1');
  assert.equal(sql(office.db, "SELECT count(*) FROM office_journal WHERE kind LIKE 'tipoff.%'"), '3', 'added, tasked, closed');
  await shot(page, 'tipoffs', true);
}
