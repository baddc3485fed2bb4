// Offline: after one visit the service worker has the app, the engine, the
// forms and the keys. With no connection a person starts and completes a
// report (keyboard only, axe on every page), it waits in the outbox through a
// reload, and once back online it arrives exactly once and the reference is
// shown. Background Sync sends what waits even with no page open. Every
// shipped form starts offline, and its first page is checked by the engine.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser } from './browser.mjs';
import {
  DANGER, OFFLINE_STATUS, REFERENCE, assertNothingInClear, checkPage, continueByKeyboard, dumpStorage, fillBikeTheft, openPage, sendByKeyboard,
  tabTo, untilServiceWorkerControls, watch,
} from './helpers.mjs';
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

test('a report made offline waits on the device and arrives once when back online', { timeout: 120_000 }, async () => {
  const page = await openPage(browser);
  const context = page.context();
  // A browser that will not promise to keep our storage: the person is warned.
  await context.addInitScript(() => {
    StorageManager.prototype.persist = async () => false;
    StorageManager.prototype.persisted = async () => false;
  });
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { level: 1, name: 'Online police station' }).waitFor();
  // The first visit installs the service worker, which takes this page.
  await untilServiceWorkerControls(page);

  await context.setOffline(true);
  // A fresh load with no connection: everything comes from the service worker.
  await page.reload();
  const start = page.getByRole('link', { name: /start now.*bike/i });
  await start.waitFor();
  await tabTo(page, start, 'Start now');
  await page.keyboard.press('Enter');
  await fillBikeTheft(page);
  await sendByKeyboard(page);

  const heading = page.getByRole('heading', { level: 1, name: 'Your report is saved on this device' });
  await heading.waitFor();
  await page.getByRole('status').filter({ hasText: OFFLINE_STATUS }).waitFor();
  await page.getByText('Your browser may delete what is saved on this device').waitFor();
  await checkPage(page, 'saved on this device');
  assert.equal(server.storedCount(), 0);

  // What the device holds now: a sealed envelope and an encrypted draft, nothing in clear.
  assertNothingInClear(await dumpStorage(page), 'offline, waiting to send', { serverDataDir: server.dataDir });

  // Starting the form again gives an empty form, not a second copy of the report.
  const reportUrl = page.url();
  await page.goto(`${server.url}/#/form/bike-theft`);
  await page.getByRole('heading', { level: 1, name: DANGER }).waitFor();
  assert.equal(await page.getByRole('radio', { checked: true }).count(), 0, 'the form starts empty');
  await page.goto(reportUrl);

  // A reload with no connection keeps the report and says so.
  await page.reload();
  await heading.waitFor();
  await page.getByRole('status').filter({ hasText: OFFLINE_STATUS }).waitFor();
  await page.getByText('Your browser may delete what is saved on this device').waitFor();

  await context.setOffline(false);
  const title = page.getByRole('heading', { level: 1, name: 'Report sent' });
  await title.waitFor({ timeout: 30_000 });
  const reference = (await page.locator('.fd-panel__reference').textContent()).trim();
  assert.match(reference, REFERENCE);
  await checkPage(page, 'report sent');
  assert.equal(server.storedCount(), 1, 'stored exactly once');

  // Delivered: the sealed report and the draft are gone, the reference stays.
  const storage = await dumpStorage(page);
  assertNothingInClear(storage, 'after sending', { serverDataDir: server.dataDir });
  assert.ok(!storage.indexedDB.find((line) => line.startsWith('frontdesk/outbox'))?.includes('envelope'), 'the outbox is empty');
  await page.reload();
  await title.waitFor();
  assert.equal((await page.locator('.fd-panel__reference').textContent()).trim(), reference);
  assert.equal(server.storedCount(), 1, 'still stored exactly once');
  await context.close();
});

test('Background Sync sends a waiting report with no page open; the page then shows its reference', { timeout: 90_000 }, async () => {
  const before = server.storedCount();
  let page = await openPage(browser);
  const context = page.context();
  await page.goto(`${server.url}/#/form/bike-theft`);
  await untilServiceWorkerControls(page);
  await context.setOffline(true);
  await fillBikeTheft(page, { axe: false, direct: true });
  await sendByKeyboard(page);
  await page.getByRole('heading', { level: 1, name: 'Your report is saved on this device' }).waitFor();
  const reportUrl = page.url();
  assert.ok(await page.evaluate(async () => 'sync' in (await navigator.serviceWorker.ready)), 'this browser has Background Sync');
  await page.close();

  // Back online with no page open: the service worker sends it.
  await context.setOffline(false);
  for (let i = 0; i < 40 && server.storedCount() === before; i++) await new Promise((resolve) => setTimeout(resolve, 250));
  assert.equal(server.storedCount(), before + 1, 'sent by the service worker');

  // The receipt waits in the outbox until a page verifies it with the engine.
  page = watch(await context.newPage());
  await page.goto(reportUrl);
  await page.getByRole('heading', { level: 1, name: 'Report sent' }).waitFor();
  assert.match(await page.locator('.fd-panel__reference').textContent(), REFERENCE);
  assert.equal(server.storedCount(), before + 1, 'stored exactly once');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('after one visit every shipped form starts offline, and the engine checks its first page', { timeout: 120_000 }, async () => {
  const page = await openPage(browser);
  const context = page.context();
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { level: 1, name: 'Online police station' }).waitFor();
  await untilServiceWorkerControls(page);
  const forms = await page.evaluate(async () => (await (await fetch('/api/forms')).json()).map((form) => form.id));
  assert.ok(forms.length >= 7, `the shipped forms: ${forms}`);

  await context.setOffline(true);
  for (const formId of forms) {
    // A fresh load of the form's own address, with no connection.
    await page.goto(`${server.url}/#/form/${formId}`);
    await page.reload();
    const h1 = page.getByRole('heading', { level: 1 });
    await h1.waitFor();
    const first = (await h1.textContent()).trim();
    await checkPage(page, `${formId}, offline`);
    // Continue with nothing answered: the engine answers with the page's
    // errors, or (a page with nothing required) with the next page.
    await continueByKeyboard(page, 'Continue', 80);
    await page.waitForFunction((heading) => document.querySelector('.fd-error-summary')
      || document.querySelector('h1')?.textContent.trim() !== heading, first);
    await checkPage(page, `${formId}, offline, after Continue`);
  }
  await context.close();
});
