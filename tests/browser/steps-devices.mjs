// Browser steps of the devices list's last sync (issue 16 item 9), called once from webtest.mjs
// on the accounts page as admin: a tablet that synced shows when (office.db's
// device.last_seen_at, noted when it authenticates), one that never synced says so, and the
// revoke confirmation names the tablet with its id and its last sync; cancelled, nothing changes.
import assert from 'node:assert/strict';

export async function deviceSteps(page, { office, step, sql, syncedId }) {
  step('the devices list and the revoke confirmation name each tablet with its id and last sync');
  await page.reload();
  await page.waitForSelector('#device-table');
  const seen = sql(office.db, `SELECT last_seen_at FROM device WHERE id = '${syncedId}'`);
  assert.ok(seen, 'a tablet that pushed has its last sync in office.db');
  const row = page.locator(`#device-table tr[data-device="${syncedId}"]`);
  const shown = await row.locator('td.last-sync').textContent();
  const expected = await page.evaluate((iso) => {
    const d = new Date(iso);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  }, seen);
  assert.equal(shown, expected, 'the list shows the last sync in local time');
  const never = sql(office.db, 'SELECT id FROM device WHERE last_seen_at IS NULL LIMIT 1');
  if (never)
    assert.equal(await page.locator(`#device-table tr[data-device="${never}"] td.last-sync`).textContent(), '从未同步');

  await row.locator('button.revoke').click();
  const asked = await row.locator('.confirm').textContent();
  assert.ok(asked.includes(`编号 ${syncedId}`), `the confirmation names the id: ${asked}`);
  assert.ok(asked.includes(`最近同步 ${expected}`), `the confirmation names the last sync: ${asked}`);
  await row.locator('button', { hasText: '取消' }).click();
  assert.equal(sql(office.db, `SELECT revoked_at IS NULL FROM device WHERE id = '${syncedId}'`), '1', 'cancelled: still active');
}
