// Browser steps of dated publications and the year-end report (issue 14 items 4 and 5), called
// once from webtest.mjs: the yellow list published as its first batch from the page, the batch
// downloaded twice as CSV and as XLSX (the same bytes), the live list marked, the publication in
// office.db and its journal; the year-end report's page, its threshold saved, its workbook
// downloaded. Screenshots web-publications.png and web-yearreport.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';

async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return fs.readFileSync(await d.path());
}

export async function publicationSteps(page, { office, step, shot, confirmDialog, sql }) {
  step('dated publications: the yellow list published as its first batch');
  await page.goto(`${office.url}/#/publications`);
  await page.waitForSelector('#publication-list-yellow');
  const before = Number(sql(office.db, "SELECT count(*) FROM publication WHERE list = 'yellow'"));
  const badge = page.locator('#publication-list-yellow .badge');
  if (!before) assert.equal(await badge.getAttribute('data-state'), 'unpublished', 'never published: 未发布');
  const title = before ? null : '第一批黄牌企业名单';
  await page.click('#publish-yellow');
  await confirmDialog(page, '公布后该批次不可修改');
  await page.waitForSelector('#publication-batch');
  const heading = await page.locator('#publication-batch h2').textContent();
  if (title) assert.ok(heading.includes(title), `the batch is called ${title}: ${heading}`);
  assert.equal(Number(sql(office.db, "SELECT count(*) FROM publication WHERE list = 'yellow'")), before + 1, 'one batch more in office.db');
  const id = await page.locator('#publication-batch').getAttribute('data-id');
  assert.equal(sql(office.db, `SELECT count(*) FROM office_journal WHERE kind = 'publication.published' AND target = '${id}'`), '1', 'journalled');
  assert.ok((await page.locator('#batch-changes').textContent()).includes('新增'), 'what the batch changed');
  assert.equal(await page.locator('#publication-list-yellow .badge').getAttribute('data-state'), 'published', 'the live list is marked published');

  const csv1 = await download(page, '#batch-csv');
  const xlsx1 = await download(page, '#batch-xlsx');
  assert.equal(xlsx1.subarray(0, 2).toString(), 'PK', 'the XLSX download is a zip package');
  const csv2 = await download(page, '#batch-csv');
  const xlsx2 = await download(page, '#batch-xlsx');
  assert.ok(csv1.equals(csv2), 'the batch downloads the same CSV bytes twice');
  assert.ok(xlsx1.equals(xlsx2), 'the batch downloads the same XLSX bytes twice');
  await shot(page, 'publications', true);

  step('the live lists say whether they are published');
  await page.goto(`${office.url}/#/lists/yellow`);
  await page.waitForSelector('#list-publication');
  assert.equal(await page.locator('#list-publication').getAttribute('data-state'), 'published', 'the yellow list is as published');
  if (sql(office.db, "SELECT count(*) FROM publication WHERE list = 'red'") === '0') {
    await page.goto(`${office.url}/#/lists/red`);
    await page.waitForSelector('#list-publication[data-state=unpublished]');
    assert.equal(await page.locator('#list-publication').textContent(), '未发布');
  }

  step('the year-end report: threshold, tables, workbook');
  await page.goto(`${office.url}/#/yearreport`);
  await page.waitForSelector('#yearreport-page');
  await page.fill('#slow-percent', '80');
  await page.click('#slow-percent-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#notice-text')?.textContent.includes('80%'));
  assert.equal(sql(office.db, "SELECT value FROM office_setting WHERE key = 'slow_region_percent'"), '80');
  await page.waitForSelector('#yearreport-page [data-section="进展缓慢属地"]');
  for (const section of ['已退出企业名单', '设备清单', '按责任部门', '黄牌红牌', '逾期任务'])
    assert.equal(await page.locator(`#yearreport-page [data-section="${section}"]`).count(), 1, `the report shows ${section}`);
  const workbook = await download(page, '#report-xlsx');
  assert.equal(workbook.subarray(0, 2).toString(), 'PK', 'the report downloads as a workbook');
  const progress = await download(page, '#progress-csv');
  assert.ok(progress.toString('utf8').includes('工作进度(按属地)'), 'progress downloads as CSV');
  await shot(page, 'yearreport', true);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#report-year-form').isVisible(), false, 'no forms on paper');
  await page.emulateMedia({ media: 'screen' });
}
