// A flaky network: the connection drops after the server stored the report
// but before the answer arrives, then the server answers 503 and 500. The
// same envelope is sent again each time, the report is stored exactly once
// and the reference shown. A 4xx refusal is shown in plain words, is not
// retried, and the report stays on the device to be checked and sent again.
// A connection that drops before the report reaches the server leaves it
// waiting on the device, and the next start of the app sends it.
// The service worker is blocked here so that page.route sees every request.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  CHECK, REFERENCE, checkPage, fillBikeTheft, openPage, sendByKeyboard, serverAndBrowser, watch,
} from './helpers.mjs';

const shared = serverAndBrowser();

async function startBikeTheft(page, { axe = false } = {}) {
  await page.goto(`${shared.server.url}/#/form/bike-theft`);
  await fillBikeTheft(page, { axe, direct: true });
}

test('dropped connections and 5xx answers are retried with the same envelope; stored once', { timeout: 90_000 }, async () => {
  const before = shared.server.storedCount();
  // 200 % zoom on a 1280 px wide window: axe and no sideways scrolling on every page.
  const page = await openPage(shared.browser, { serviceWorkers: 'block', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const bodies = [];
  let calls = 0;
  await page.route('**/api/submissions', async (route) => {
    calls += 1;
    bodies.push(route.request().postData());
    if (calls === 1) {
      // The server gets it and stores it; the answer is lost on the way back.
      await route.fetch();
      await route.abort('connectionreset');
    } else if (calls === 2) {
      await route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"type":"/problems/store-unavailable","title":"Try again"}' });
    } else if (calls === 3) {
      await route.fulfill({ status: 500, contentType: 'text/plain', body: 'oops' });
    } else {
      await route.continue();
    }
  });
  await startBikeTheft(page, { axe: true });
  await sendByKeyboard(page);

  const title = page.getByRole('heading', { level: 1, name: 'Report sent' });
  await title.waitFor({ timeout: 60_000 });
  assert.match(await page.locator('.fd-panel__reference').textContent(), REFERENCE);
  assert.equal(calls, 4, 'sent four times');
  assert.ok(bodies.every((body) => body === bodies[0]), 'every retry sends the same envelope');
  assert.equal(shared.server.storedCount(), before + 1, 'stored exactly once');
  await checkPage(page, 'report sent after retries');
  await page.context().close();
});

test('a 4xx refusal is shown, not retried, and the report stays on the device', { timeout: 90_000 }, async () => {
  const before = shared.server.storedCount();
  const page = await openPage(shared.browser, { serviceWorkers: 'block' });
  let refused = 0;
  await page.route('**/api/submissions', async (route) => {
    refused += 1;
    await route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: '{"type":"/problems/unknown-form-version","title":"This form has changed"}',
    });
  });
  await startBikeTheft(page);
  await sendByKeyboard(page);

  const refusal = page.getByRole('heading', { level: 1, name: 'We could not accept your report' });
  await refusal.waitFor();
  await page.getByText('The form changed after you filled it in').waitFor();
  await checkPage(page, 'refused');
  // Longer than the first few retry delays: no second try, however long we wait.
  await page.waitForTimeout(4_500);
  assert.equal(refused, 1, 'a refusal is not retried');

  // Still there after a reload, and on the start page.
  await page.reload();
  await refusal.waitFor();
  await page.goto(`${shared.server.url}/`);
  await page.getByText('we could not accept it').waitFor();
  assert.equal(refused, 1, 'a reload does not send a refused report again');

  // The answers are still on the device: check them and send again.
  await page.goto(`${shared.server.url}/#/report/${await refusedId(page)}`);
  await refusal.waitFor();
  await page.getByRole('button', { name: 'Check your answers' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: CHECK }).waitFor();
  const rows = await page.locator('dl > div').evaluateAll((divs) => divs.map((div) => div.querySelector('dd').textContent.trim()));
  assert.ok(rows.includes('Zephyrcycle') && rows.includes('Alex Quinlan-Testperson'), `answers kept: ${rows}`);
  await page.unroute('**/api/submissions');
  await sendByKeyboard(page);
  await page.getByRole('heading', { level: 1, name: 'Report sent' }).waitFor({ timeout: 30_000 });
  assert.equal(shared.server.storedCount(), before + 1, 'the corrected report is stored once');
  await page.goto(`${shared.server.url}/`);
  await page.getByRole('heading', { level: 1, name: 'Online police station' }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.getByText('we could not accept it').count(), 0, 'the refused report was replaced');
  await page.context().close();
});

async function refusedId(page) {
  const href = await page.getByRole('link', { name: 'Report a stolen bike', exact: true }).getAttribute('href');
  return href.split('/').pop();
}

test('a report whose connection drops before it reaches the server waits on the device, and is sent when the app next starts', { timeout: 90_000 }, async () => {
  const before = shared.server.storedCount();
  const page = await openPage(shared.browser, { serviceWorkers: 'block' });
  const context = page.context();
  let dropped = 0;
  // The connection drops while the report is on its way: the server never gets it.
  await page.route('**/api/submissions', async (route) => {
    dropped += 1;
    await route.abort('connectionreset');
  });
  await startBikeTheft(page);
  await sendByKeyboard(page);
  await page.getByRole('heading', { level: 1, name: 'Your report is saved on this device' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'We could not send your report yet. It is still saved on this device and we will try again.' }).waitFor();
  const reportUrl = page.url();
  assert.ok(dropped >= 1);
  assert.equal(shared.server.storedCount(), before, 'nothing arrived');
  const sentBefore = dropped;
  // The page is closed before a retry gets through (no service worker to send it).
  await page.close();

  // The next start of the app sends it, with no online event and no page of its own.
  const next = watch(await context.newPage());
  await next.goto(`${shared.server.url}/`);
  await next.getByRole('heading', { level: 1, name: 'Online police station' }).waitFor();
  for (let waited = 0; shared.server.storedCount() === before && waited < 20_000; waited += 200) await next.waitForTimeout(200);
  assert.equal(shared.server.storedCount(), before + 1, 'sent once on start');
  assert.equal(dropped, sentBefore, 'the retry went past the closed page\'s route');
  await next.goto(reportUrl);
  await next.getByRole('heading', { level: 1, name: 'Report sent' }).waitFor();
  assert.match(await next.locator('.fd-panel__reference').textContent(), REFERENCE);
  await checkPage(next, 'report sent on the next start');
  await context.close();
});
