// Drafts: answers are kept on the device as they are typed, encrypted, and
// survive closing the browser. "Delete your answers" removes them, and an
// expired draft is not restored.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchPersistent } from './browser.mjs';
import { DANGER, assertNothingInClear, checkPage, dumpStorage, fillBikeTheft, watch } from './helpers.mjs';
import { startServer } from './server.mjs';

let server;
let profile;

before(async () => {
  server = await startServer();
  profile = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-profile-'));
});

after(async () => {
  await server?.stop();
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function open(url) {
  const context = await launchPersistent(profile, { viewport: { width: 320, height: 640 } });
  const page = watch(context.pages()[0] ?? await context.newPage());
  await page.goto(url);
  return page;
}

async function draftRecords(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('frontdesk');
    request.onsuccess = () => {
      const get = request.result.transaction('drafts').objectStore('drafts').getAll();
      get.onsuccess = () => { resolve(get.result.length); request.result.close(); };
      get.onerror = () => reject(get.error);
    };
    request.onerror = () => reject(request.error);
  }));
}

test('half a report survives closing the browser, and "delete" removes it', { timeout: 90_000 }, async () => {
  const formUrl = `${server.url}/#/form/bike-theft`;
  let page = await open(formUrl);
  // Typed, not yet continued: kept all the same.
  await fillBikeTheft(page, { axe: false, direct: true, stopAfter: 'bike-typed' });
  await page.waitForFunction(async () => {
    const db = await new Promise((resolve) => { const r = indexedDB.open('frontdesk'); r.onsuccess = () => resolve(r.result); });
    const draft = await new Promise((resolve) => { const r = db.transaction('drafts').objectStore('drafts').get('bike-theft'); r.onsuccess = () => resolve(r.result); });
    db.close();
    return draft && Date.now() - draft.savedAt < 5000 && draft.data.byteLength > 0;
  });
  await page.waitForTimeout(500); // the last keystrokes' save
  assertNothingInClear(await dumpStorage(page), 'a draft saved', { serverDataDir: server.dataDir });
  assert.equal((await dumpStorage(page)).cryptoKeys.length, 1, 'one stored key, not extractable');
  await page.context().close();

  // A new browser on the same profile: the answers are back, on the page they were on.
  page = await open(formUrl);
  await page.getByRole('heading', { level: 1, name: 'About the bike' }).waitFor();
  assert.equal(await page.getByLabel('Make of the bike').inputValue(), 'Zephyrcycle');
  assert.equal(await page.getByLabel('Colour', { exact: true }).inputValue(), 'Midnight blue');
  await page.getByText('We kept the answers you gave before').waitFor();
  await checkPage(page, 'answers restored');

  // On a shared computer: delete them.
  await page.getByRole('link', { name: 'Delete your answers from this device' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Delete your answers from this device' }).waitFor();
  await checkPage(page, 'delete your answers');
  await page.getByRole('button', { name: 'Delete my answers' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Your answers have been deleted' }).waitFor();
  await checkPage(page, 'answers deleted');
  assert.equal(await draftRecords(page), 0);
  assert.equal((await dumpStorage(page)).cryptoKeys.length, 0, 'the key is gone too');

  await page.goto(`${server.url}/`);
  await page.goto(formUrl);
  await page.getByRole('heading', { level: 1, name: DANGER }).waitFor();
  assert.equal(await page.getByRole('radio', { checked: true }).count(), 0, 'the form starts empty');
  await page.context().close();
});

test('an expired draft is not restored', { timeout: 60_000 }, async () => {
  const formUrl = `${server.url}/#/form/bike-theft`;
  let page = await open(formUrl);
  await fillBikeTheft(page, { axe: false, direct: true, stopAfter: 'bike-typed' });
  await page.waitForTimeout(800);
  // Make the saved draft older than its lifetime.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('frontdesk');
    request.onsuccess = () => {
      const store = request.result.transaction('drafts', 'readwrite').objectStore('drafts');
      const get = store.get('bike-theft');
      get.onsuccess = () => {
        const put = store.put({ ...get.result, expiresAt: Date.now() - 1 });
        put.onsuccess = () => { request.result.close(); resolve(); };
        put.onerror = () => reject(put.error);
      };
    };
    request.onerror = () => reject(request.error);
  }));
  await page.context().close();
  page = await open(formUrl);
  await page.getByRole('heading', { level: 1, name: DANGER }).waitFor();
  assert.equal(await page.getByRole('radio', { checked: true }).count(), 0, 'the expired answers are not back');
  assert.equal(await draftRecords(page), 0, 'and are deleted');
  await page.context().close();
});
