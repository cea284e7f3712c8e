// Benchmark (not a test): how long the office page's 核查审核 takes to draw with many received
// inspections, in the real Chromium against the real server (issue 16 item 8).
//   node tests/browser/bench-review.mjs --server build/sync/server/fieldproof-server \
//        --sync build/sync/client/fieldproof-sync [--inspections 500] [--runs 3]
// Prints the time from opening #/review/received to the drawn list, the number of requests the
// page made, and the page's height. docs/performance.md keeps the numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { Office, run, sql } from './office.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) {
    if (fallback !== undefined) return fallback;
    console.error(`bench-review: --${name} is required`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

const inspections = Number(option('inspections', '500'));
const runs = Number(option('runs', '3'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fp-bench-review-'));
const office = new Office({ server: option('server'), sync: option('sync'), dir });
let browser;

try {
  await office.start();
  run(office.sync, ['enroll', '--db', office.tablet, '--server', office.url, '--username', 'zhang'], 'zhang-demo-2017\n');
  run(office.sync, ['run', '--db', office.tablet]);
  run(office.sync, ['simulate', '--db', office.tablet, '--inspections', String(inspections), '--photos', String(inspections),
    '--photo-bytes', '20000', '--seed', '11']);
  office.syncAgain();
  const received = Number(sql(office.db, "SELECT count(*) FROM review WHERE state = 'received'"));
  const enterprises = Number(sql(office.db, "SELECT count(DISTINCT enterprise_id) FROM inspection"));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(`${office.url}/#/progress`);
  await page.fill('#username', 'office');
  await page.fill('#password', 'office-demo-2017');
  await page.click('button[type=submit]');
  await page.waitForSelector('#progress-page');
  const times = [];
  let requests = 0;
  let height = 0;
  let drawn = 0;
  for (let i = 0; i < runs; ++i) {
    await page.goto(`${office.url}/#/progress`);
    await page.waitForSelector('#progress-page');
    let count = 0;
    const counter = (r) => { if (r.url().includes('/api/v1/web/')) count += 1; };
    page.on('request', counter);
    const start = Date.now();
    await page.evaluate(() => { location.hash = '#/review/received'; });
    await page.waitForSelector('#review-page article.inspection');
    times.push(Date.now() - start);
    page.off('request', counter);
    requests = count;
    height = await page.evaluate(() => document.body.scrollHeight);
    drawn = await page.locator('#review-page article.inspection').count();
  }
  times.sort((a, b) => a - b);
  console.log(`received inspections ${received} over ${enterprises} enterprises; ${drawn} drawn`);
  console.log(`review page: median ${times[Math.floor(times.length / 2)]} ms (runs: ${times.join(', ')} ms), ` +
    `${requests} API requests, page height ${height} px`);
} finally {
  if (browser) await browser.close();
  await office.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
