// The size budget, in bytes as served (brotli): at most 48 KB to the first
// question of the bike theft form, at most 96 KB for everything needed to
// complete and send any form offline. And the first question really needs
// no more than that: it is answerable with every other file blocked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser } from './browser.mjs';
import { DANGER, openPage } from './helpers.mjs';
import { BUDGET, CRITICAL, kb, measure } from './sizes.mjs';
import { startServer } from './server.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the app fits its size budget, as served with brotli', async () => {
  const { rows, critical, offline } = await measure(server.url);
  const table = rows.map((row) => `  ${row.critical ? '*' : ' '} ${row.name.padEnd(24)} ${kb(row.bytes).padStart(9)} ${row.encoding}`).join('\n');
  const report = `${table}\n  critical path (*): ${kb(critical)} of ${kb(BUDGET.critical)}; everything: ${kb(offline)} of ${kb(BUDGET.offline)}`;
  for (const row of rows) {
    if (/\.(js|css|html|wasm)$/.test(row.path) || row.path === '/') assert.equal(row.encoding, 'br', `${row.path} is served with brotli`);
  }
  assert.ok(critical <= BUDGET.critical, `the first question needs ${kb(critical)}, over ${kb(BUDGET.critical)}:\n${report}`);
  assert.ok(offline <= BUDGET.offline, `working offline needs ${kb(offline)}, over ${kb(BUDGET.offline)}:\n${report}`);
  console.log(report);
});

test('the first question needs only the critical files', { timeout: 30_000 }, async () => {
  const page = await openPage(browser, { serviceWorkers: 'block' });
  const { rows } = await measure(server.url);
  const allowed = new Set([...rows.filter((row) => row.critical).map((row) => row.path), '/']);
  // Everything else is refused until the first question is answerable.
  let blocking = true;
  const blocked = [];
  await page.route('**/*', (route) => {
    const { pathname } = new URL(route.request().url());
    if (blocking && !allowed.has(pathname)) {
      blocked.push(pathname);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  await page.goto(`${server.url}/#/form/bike-theft`);
  const yes = page.getByRole('radio', { name: 'Yes' });
  await page.getByRole('group', { name: DANGER }).waitFor();
  await yes.check();
  assert.ok(await yes.isChecked());
  blocking = false;
  assert.deepEqual(page.problems, []);
  assert.ok(CRITICAL.length > 0);
  await page.context().close();
});
