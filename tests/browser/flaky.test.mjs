// A flaky network: the connection drops after the server stored the report
// but before the answer arrives, then the server answers 503 and 500. The
// same envelope is sent again each time, the report is stored exactly once
// and the reference shown. A 4xx refusal is shown in plain words, is not
// retried, and the report stays on the device to be checked and sent again.
// The service worker is blocked here so that page.route sees every request.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CHECK, REFERENCE, checkPage, fillBikeTheft, openPage, sendByKeyboard, serverAndBrowser } from './helpers.mjs';

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
