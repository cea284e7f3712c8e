// Departments on the office page (issue 14 item 7): the admin gives office accounts their
// department on the accounts page (and changes one); a bureau's clerk sees other bureaus' cards
// without their actions and is told in Chinese, when trying anyway, whose cards they are; a town
// office sees its own region only. Called by webtest.mjs with the admin signed in on the
// accounts page; leaves the page there.
import assert from 'node:assert/strict';

async function addOffice(page, username, department, region) {
  await page.fill('#new-username', username);
  await page.selectOption('#new-role', 'office');
  await page.selectOption('#new-department', department);
  await page.fill('#new-password', `${username}-demo-2017`);
  if (region) await page.locator('#new-regions label', { hasText: region }).locator('input').check();
  await page.click('#account-form button[type=submit]');
  await page.waitForSelector(`#account-table tr[data-username="${username}"]`);
}

async function signIn(browser, url, username) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url + '/');
  await page.fill('#username', username);
  await page.fill('#password', `${username}-demo-2017`);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#progress-page');
  return { context, page };
}

export async function departmentSteps({ page, office, step, shot, confirmDialog, sql, inDays }) {
  step('departments: the admin sets them on the accounts page');
  await page.waitForSelector('#account-form');
  await page.selectOption('#new-role', 'inspector');
  assert.ok(await page.locator('#new-department').isHidden(), 'an inspector has no department');
  await addOffice(page, 'huanbao', 'economy');
  await addOffice(page, 'mafeng', 'region', '马风镇');
  const row = (name) => page.locator(`#account-table tr[data-username="${name}"]`);
  assert.equal(await row('huanbao').locator('td.department').textContent(), '经信局/发改局');
  assert.equal(await row('mafeng').locator('td.department').textContent(), '镇（区）办公室');
  assert.equal(await row('mafeng').locator('td.scope').textContent(), '马风镇');
  assert.ok((await row('office').locator('td.department').textContent()).includes('未分配部门'));
  // Changed: huanbao is the 环保局's after all.
  await row('huanbao').locator('button.edit-department').click();
  await page.selectOption('#account-table tr.editor select', 'environment');
  await page.click('#account-table tr.editor button.save-department');
  await page.waitForFunction(() => document.querySelector('#account-table tr[data-username="huanbao"] td.department')?.textContent === '环保局');
  assert.equal(sql(office.db, "SELECT group_concat(username || ':' || department, ',') FROM (SELECT username, department FROM app_user " +
    "WHERE username IN ('huanbao', 'mafeng') ORDER BY username)"), 'huanbao:environment,mafeng:region');
  assert.equal(sql(office.db, "SELECT summary FROM office_journal WHERE kind = 'account.department_changed' AND target = 'huanbao'"),
    'economy -> environment', 'the journal records the change');
  await shot(page, 'accounts', true);

  step('departments: the 环保局 sees energy cards without their actions, and is told whose they are');
  const browser = page.context().browser();
  const clerk = await signIn(browser, office.url, 'huanbao');
  try {
    const p = clerk.page;
    await p.click('#nav a[data-page=plan]');
    await p.waitForSelector('#card-table');
    const energyCard = sql(office.db, "SELECT id FROM card WHERE standard = 'energy' ORDER BY state = 'open' DESC LIMIT 1");
    assert.ok(energyCard, 'the test made an energy card before');
    const cardRow = p.locator(`#card-table tr[data-card="${energyCard}"]`);
    assert.equal(await cardRow.locator('button').count(), 0, 'no actions on another bureau\'s card');
    assert.ok((await cardRow.textContent()).includes('由经信局/发改局办理'));
    // The card form starts at the bureau's own standard and name; an energy card is refused.
    const form = p.locator('form.card-form', { has: p.locator('select[name=standard]') });
    assert.equal(await form.locator('select[name=standard]').inputValue(), 'environment');
    assert.equal(await form.locator('input[name=department]').inputValue(), '市环保局');
    await form.locator('select[name=standard]').selectOption('energy');
    await form.locator('input[name=issued_on]').fill(inDays(-1));
    const cards = sql(office.db, 'SELECT count(*) FROM card');
    await form.locator('button[type=submit]').click();
    await confirmDialog(p, '挂牌');
    await p.waitForFunction(() => [...document.querySelectorAll('form.card-form [role=alert]')].some((m) => m.textContent.includes('由经信局/发改局负责办理')));
    assert.equal(sql(office.db, 'SELECT count(*) FROM card'), cards, 'nothing issued');
  } finally {
    await clerk.context.close();
  }

  step('departments: a town office sees its own region only');
  const town = await signIn(browser, office.url, 'mafeng');
  try {
    const p = town.page;
    await p.click('#nav a[data-page=enterprises]');
    await p.waitForSelector('#enterprise-table');
    const shown = await p.locator('#enterprise-table tbody tr').count();
    const inRegion = Number(sql(office.db, "SELECT count(*) FROM enterprise e JOIN region r ON r.id = e.region_id WHERE r.name = '马风镇'"));
    assert.equal(shown, inRegion, `马风镇's enterprises only (${shown} shown)`);
    const outside = sql(office.db, "SELECT e.id FROM enterprise e JOIN region r ON r.id = e.region_id WHERE r.name = '感王镇' LIMIT 1");
    await p.goto(`${office.url}/#/enterprise/${outside}`);
    await p.waitForFunction(() => document.body.textContent.includes('不在本镇（区）办公室的属地范围内'));
  } finally {
    await town.context.close();
  }
}
