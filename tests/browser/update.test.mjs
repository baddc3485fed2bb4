// Updating the app never makes the cached forms unusable offline (a known
// Enketo failure). A new version that cannot cache everything does not take
// over and leaves no cache behind; a good one takes over once no tab uses the
// old one, with a complete forms cache of its own, and the form still starts
// offline with the answers saved under the old version.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchBrowser } from './browser.mjs';
import { CHECK, DANGER, untilServiceWorkerControls, watch } from './helpers.mjs';
import { startServer } from './server.mjs';

let server;
let browser;
let web;
let originalWorker;

before(async () => {
  // A web root of our own, to deploy new versions into.
  web = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-web-'));
  await cp(process.env.FRONTDESK_WEB, web, { recursive: true });
  originalWorker = await readFile(path.join(web, 'sw.js'), 'utf8');
  server = await startServer({ web });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (web) await rm(web, { recursive: true, force: true });
});

// A new service worker version; `extraAsset` names a file the server does not have.
async function deploy(version, { extraAsset = null } = {}) {
  // sw.js is minified: its version and its asset list are found by their contents.
  const current = /^const [\w$]+="([0-9a-f]{16})"/.exec(originalWorker)?.[1];
  assert.ok(current, 'the version in sw.js');
  let text = originalWorker.replaceAll(current, version);
  if (extraAsset) text = text.replace('["/app.', `["${extraAsset}","/app.`);
  assert.notEqual(text, originalWorker);
  await writeFile(path.join(web, 'sw.js'), text);
  // The precompressed copies would still hold the old version.
  await rm(path.join(web, 'sw.js.br'), { force: true });
  await rm(path.join(web, 'sw.js.gz'), { force: true });
}

async function appCaches(page) {
  return page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('fd-')).sort());
}

// Asks the browser to look for a new service worker and waits until it has
// either installed (waiting or active) or failed to.
async function checkForUpdate(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    try {
      await registration.update();
    } catch {
      return 'update failed';
    }
    const worker = registration.installing;
    if (!worker) return 'nothing new';
    return new Promise((resolve) => {
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' || worker.state === 'activated') resolve('installed');
        if (worker.state === 'redundant') resolve('redundant');
      });
    });
  });
}

async function openForm(context) {
  const page = watch(await context.newPage());
  await page.goto(`${server.url}/#/form/bike-theft`);
  return page;
}

test('an app update never leaves the cached forms unusable offline', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  let page = await openForm(context);
  await page.getByRole('heading', { level: 1, name: DANGER }).waitFor();
  await untilServiceWorkerControls(page);
  const firstCaches = await appCaches(page);
  assert.equal(firstCaches.length, 2, `a shell and a data cache: ${firstCaches}`);
  // Answers under the first version.
  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'About the bike' }).waitFor();
  await page.getByLabel('Make of the bike').fill('Zephyrcycle');
  await page.waitForTimeout(600); // saved as typed

  // A broken deployment: one of its files is missing, so it cannot install.
  await deploy('broken0000000000', { extraAsset: '/missing.0123456789abcdef.js' });
  assert.equal(await checkForUpdate(page), 'redundant', 'the broken version does not install');
  await page.close();
  await context.setOffline(true);
  page = await openForm(context);
  await page.getByRole('heading', { level: 1, name: 'About the bike' }).waitFor();
  assert.equal(await page.getByLabel('Make of the bike').inputValue(), 'Zephyrcycle', 'offline, the old version still works');
  assert.deepEqual(await appCaches(page), firstCaches, 'the broken version left nothing behind');
  await page.close();

  // A good deployment: it installs, and takes over once no tab uses the old one.
  await context.setOffline(false);
  await deploy('good000000000000');
  page = await openForm(context);
  await page.getByRole('heading', { level: 1, name: 'About the bike' }).waitFor();
  assert.equal(await checkForUpdate(page), 'installed');
  await page.close();
  page = await openForm(context);
  await page.getByRole('heading', { level: 1, name: 'About the bike' }).waitFor();
  // The new version took over: its caches only, the old ones gone.
  await page.waitForFunction(async () => (await caches.keys()).filter((name) => name.startsWith('fd-')).sort().join()
    === 'fd-data-good000000000000,fd-shell-good000000000000');
  await page.close();

  // Offline under the new version: the form starts, the answers are there, and it completes.
  await context.setOffline(true);
  page = await openForm(context);
  const make = page.getByLabel('Make of the bike');
  await make.waitFor();
  assert.equal(await make.inputValue(), 'Zephyrcycle');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Postcode where the bike was taken').fill('SW1A 2AA');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Your full name').fill('Alex Quinlan-Testperson');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: CHECK }).waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});
