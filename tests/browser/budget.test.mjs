// The size budget, in bytes as served (brotli): at most 48 KB to the first
// question of the crime report, at most 96 KB for everything needed to
// complete and send any form offline. And the first question really needs
// no more than that: it is answerable while every other file is held back,
// and once they arrive the engine takes the page over and Continue works.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPage, serverAndBrowser } from './helpers.mjs';
import { BUDGET, kb, measure } from './sizes.mjs';

const DANGER = 'Is anyone in danger, or is the crime happening now?';

const shared = serverAndBrowser();

test('the app fits its size budget, as served with brotli', async () => {
  const { rows, critical, engine, offline } = await measure(shared.server.url);
  const mark = (row) => (row.critical ? '*' : row.engine ? '+' : ' ');
  const table = rows.map((row) => `  ${mark(row)} ${row.name.padEnd(34)} ${kb(row.bytes).padStart(9)} ${row.encoding}`).join('\n');
  const report = `${table}\n  first question of the crime report (*): ${kb(critical)} of ${kb(BUDGET.critical)}; `
    + `with the engine, to leave it (* and +): ${kb(engine)}; everything: ${kb(offline)} of ${kb(BUDGET.offline)}`;
  for (const row of rows) {
    if (/\.(js|css|html|wasm)$/.test(row.path) || row.path === '/') assert.equal(row.encoding, 'br', `${row.path} is served with brotli`);
  }
  assert.ok(rows.some((row) => row.critical && row.path.endsWith('/start')), 'the start view is on the critical path');
  assert.ok(critical <= BUDGET.critical, `the first question needs ${kb(critical)}, over ${kb(BUDGET.critical)}:\n${report}`);
  assert.ok(offline <= BUDGET.offline, `working offline needs ${kb(offline)}, over ${kb(BUDGET.offline)}:\n${report}`);
  console.log(report);
});

test('the first question needs only the critical files, and the engine takes over when it comes', { timeout: 60_000 }, async () => {
  const page = await openPage(shared.browser, { serviceWorkers: 'block' });
  const { rows } = await measure(shared.server.url);
  const allowed = new Set([...rows.filter((row) => row.critical).map((row) => row.path), '/']);
  // Everything else waits until the first question has been answered.
  const held = [];
  let holding = true;
  await page.route('**/*', (route) => {
    const { pathname } = new URL(route.request().url());
    if (holding && !allowed.has(pathname)) {
      held.push({ pathname, route });
      return undefined;
    }
    return route.continue();
  });
  await page.goto(`${shared.server.url}/#/form/crime-report`);
  const question = page.getByRole('group', { name: DANGER });
  await question.waitFor();
  const no = question.getByRole('radio', { name: 'No' });
  await no.check();
  assert.ok(await no.isChecked());
  assert.ok(held.some((request) => /^\/engine-client\./.test(request.pathname)), 'the engine was held back');
  // Continue before the engine is there: it goes on once the engine arrives.
  await page.getByRole('button', { name: 'Continue' }).click();
  holding = false;
  await Promise.all(held.map((request) => request.route.continue()));
  await page.getByRole('heading', { level: 1, name: 'Where did it happen?' }).waitFor();
  // The engine kept the answer given before it came: back shows it chosen.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByRole('group', { name: DANGER }).waitFor();
  assert.ok(await page.getByRole('radio', { name: 'No' }).isChecked(), 'the answer given before the engine came is kept');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a start view that is not the engine\'s own gives way to the engine\'s page, keeping what was typed', { timeout: 60_000 }, async () => {
  const page = await openPage(shared.browser, { serviceWorkers: 'block' });
  let release;
  const engineMayCome = new Promise((resolve) => { release = resolve; });
  await page.route('**/*', async (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === '/api/forms/crime-report/start') {
      // As if the form had changed between the two answers: another label.
      const response = await route.fetch();
      const start = await response.json();
      start.views.en.page.questions[0].label = 'An older wording of the question';
      return route.fulfill({ response, json: start });
    }
    if (/^\/engine-client\./.test(pathname)) await engineMayCome;
    return route.continue();
  });
  await page.goto(`${shared.server.url}/#/form/crime-report`);
  const older = page.getByRole('group', { name: 'An older wording of the question' });
  await older.waitFor();
  await older.getByRole('radio', { name: 'No' }).check();
  release();
  const current = page.getByRole('group', { name: DANGER });
  await current.waitFor();
  assert.ok(await current.getByRole('radio', { name: 'No' }).isChecked(), 'what was typed on the start view is kept');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Where did it happen?' }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
