// What the browser tests share: pages that record script errors and CSP
// violations, the checks every page must pass, and the bike theft main path
// completed as a person would with the keyboard only.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';

import { formatViolations, runAxe } from './axe.mjs';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

export const DANGER = 'Is anyone in danger or is the crime happening now?';
export const CHECK = 'Check your answers before sending your report';
export const REFERENCE = /FD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;
export const OFFLINE_STATUS = 'Saved on this phone — we’ll send it as soon as you’re back online.';

// contextOptions: e.g. { serviceWorkers: 'block' } where the service worker
// would only get in the way of page.route.
export async function openPage(browser, { viewport = { width: 320, height: 640 }, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const page = await context.newPage();
  watch(page);
  return page;
}

export function watch(page) {
  page.setDefaultTimeout(15_000);
  // File choosers are taken over by the test from the start: Playwright asks
  // the browser to intercept them only when a listener is added, without
  // waiting, so a key pressed just after waitForEvent('filechooser') could
  // open one before that (and no event come) on a busy machine.
  page.on('filechooser', () => {});
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) page.problems.push(`CSP: ${message.text()}`);
  });
  return page;
}

// axe (WCAG 2.2 A and AA), no sideways scrolling, no missing values, no script errors.
export async function checkPage(page, name) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe on "${name}":\n${formatViolations(violations)}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `"${name}" scrolls sideways by ${overflow}px`);
  const text = await page.getByRole('main').innerText();
  assert.doesNotMatch(text, /\b(null|undefined|NaN)\b|\[object /, `"${name}" shows a missing value`);
  assert.deepEqual(page.problems, [], `problems on "${name}"`);
}

export async function assertFocused(locator, what) {
  const focused = await locator.evaluate((element) => element === document.activeElement);
  if (!focused) {
    const active = await locator.page().evaluate(() => {
      const element = document.activeElement;
      return element ? `<${element.tagName.toLowerCase()}> ${element.textContent.trim().slice(0, 60)}` : 'nothing';
    });
    assert.fail(`expected focus on ${what}, but it is on ${active}`);
  }
}

async function newPage(page, headingName, { focused = true } = {}) {
  const heading = page.getByRole('heading', { level: 1, name: headingName });
  await heading.waitFor();
  if (focused) await assertFocused(heading, `the h1 "${headingName}"`);
}

// Tab until `locator` has focus (at most `max` presses), as a keyboard user would.
export async function tabTo(page, locator, what, max = 12) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await locator.evaluate((element) => element === document.activeElement)) return;
  }
  assert.fail(`could not reach ${what} with Tab`);
}

export async function typeInto(page, label, text, max = 12) {
  const field = page.getByLabel(label, { exact: true });
  await tabTo(page, field, `"${label}"`, max);
  await page.keyboard.type(text);
}

// name: the button in the page's language ("Dalej" in Polish).
export async function continueByKeyboard(page, name = 'Continue', max = 12) {
  await tabTo(page, page.getByRole('button', { name }), name, max);
  await page.keyboard.press('Enter');
}

// A new page: its h1 (exactly `heading`) has the focus, and it passes checkPage.
export async function onPage(page, heading, { focused = true } = {}) {
  const h1 = page.getByRole('heading', { level: 1, name: heading, exact: true });
  await h1.waitFor();
  if (focused) await assertFocused(h1, `the h1 "${heading}"`);
  await checkPage(page, heading);
}

// Choose a radio as a keyboard user does: Tab into the group (its first
// radio), Space to choose it, then the arrow keys to the one wanted.
export async function chooseRadio(page, group, option) {
  const radios = page.getByRole('group', { name: group, exact: true }).getByRole('radio');
  await tabTo(page, radios.first(), `the first radio of "${group}"`, 20);
  await page.keyboard.press('Space');
  const wanted = page.getByRole('group', { name: group, exact: true }).getByRole('radio', { name: option, exact: true });
  const count = await radios.count();
  for (let i = 0; i < count && !(await wanted.isChecked()); i++) await page.keyboard.press('ArrowDown');
  assert.ok(await wanted.isChecked(), `"${option}" is chosen in "${group}"`);
}

export async function typeInGroup(page, group, label, text) {
  const field = page.getByRole('group', { name: group, exact: true }).getByLabel(label, { exact: true });
  await tabTo(page, field, `${label} of "${group}"`);
  await page.keyboard.type(text);
}

// The app's own words in Polish (web/lang/pl.json, keyed by the English).
const POLISH_WORDS = JSON.parse(readFileSync(new URL('../../web/lang/pl.json', import.meta.url), 'utf8'));

// Fails when the page, in Polish, shows any of the app's English words that
// have a Polish translation: in its text (visually hidden text included), its
// title and its aria-labels. Text marked with another `lang` (a form that has
// no Polish, the "English" link of the language select) is left out.
export async function assertNoEnglishAppWords(page, name) {
  const text = await page.evaluate(() => {
    const body = document.body.cloneNode(true);
    for (const element of body.querySelectorAll('noscript, [lang]:not([lang="pl"])')) element.remove();
    const labels = [...body.querySelectorAll('[aria-label]')].map((element) => element.getAttribute('aria-label'));
    return [document.title, body.textContent, ...labels].join('\n');
  });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl', `"${name}" is marked as Polish`);
  const english = Object.entries(POLISH_WORDS)
    .filter(([key, polish]) => !key.startsWith('$') && key.trim() !== polish.trim())
    .map(([key]) => key.trim())
    .filter((key) => new RegExp(`(^|[^\\p{L}])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text));
  assert.deepEqual(english, [], `"${name}" shows English app words in Polish`);
}

// From the bike theft form's first question to check your answers, keyboard
// only. axe: run the page checks on every page on the way. direct: the page
// was loaded at the form's address, so focus starts at the top of the page.
export async function fillBikeTheft(page, { axe = true, stopAfter = null, direct = false } = {}) {
  await newPage(page, DANGER, { focused: !direct });
  if (axe) await checkPage(page, 'danger');
  await tabTo(page, page.getByRole('radio', { name: 'Yes' }), 'the first radio');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByRole('radio', { name: 'No' }).isChecked(), 'ArrowDown chooses "No"');
  await continueByKeyboard(page);

  await newPage(page, 'About the bike');
  if (axe) await checkPage(page, 'bike');
  await typeInto(page, 'Make of the bike', 'Zephyrcycle');
  await typeInto(page, 'Colour', 'Midnight blue');
  if (stopAfter === 'bike-typed') return;
  await continueByKeyboard(page);

  await newPage(page, 'Where was the bike taken from?');
  if (axe) await checkPage(page, 'where');
  await typeInto(page, 'Postcode where the bike was taken', 'SW1A 2AA');
  await typeInto(page, 'Tell us where it was left', 'Chained to the lamp post by the bakery');
  await continueByKeyboard(page);

  await newPage(page, 'How can we contact you?');
  if (axe) await checkPage(page, 'contact');
  await typeInto(page, 'Your full name', 'Alex Quinlan-Testperson');
  await typeInto(page, 'Email address', 'alex@example.com');
  await continueByKeyboard(page);

  await newPage(page, CHECK);
  if (axe) await checkPage(page, 'check your answers');
}

// The crime report from "Did anyone else see what happened?" (no one) to
// check your answers, by keyboard: where, an adult reporting for themselves,
// contact by email, and the Victim Support answer given.
export async function finishCrimeReport(page, { postcode, place, name, email, victimSupport }) {
  await onPage(page, 'Did anyone else see what happened?');
  await chooseRadio(page, 'Did anyone else see what happened?', 'No');
  await continueByKeyboard(page);

  await onPage(page, 'Where it happened');
  await typeInto(page, 'Postcode where it happened', postcode);
  await typeInto(page, 'Describe the place', place);
  await continueByKeyboard(page);

  await onPage(page, 'About you');
  await chooseRadio(page, 'How old are you?', '18 or over');
  await chooseRadio(page, 'Who did this happen to?', 'Me');
  await continueByKeyboard(page);

  await onPage(page, 'How can we contact you?');
  await typeInto(page, 'Your full name', name);
  await chooseRadio(page, 'How would you like us to contact you?', 'Email');
  await typeInto(page, 'Email address', email);
  await continueByKeyboard(page);

  await onPage(page, 'Support');
  await chooseRadio(page, 'Would you like us to ask Victim Support to contact you?', victimSupport);
  await continueByKeyboard(page);
}

// Resolves once the service worker, installed by the page's first visit, controls the page.
export async function untilServiceWorkerControls(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

export async function sendByKeyboard(page) {
  await tabTo(page, page.getByRole('button', { name: 'Send report' }), 'Send report', 40);
  await page.keyboard.press('Enter');
}

// The page's h1, as app.js chooses it: the question's label on a page of one
// question (besides those an option reveals), else the page's title.
export function headingOf(view) {
  if (view.state === 'check') return CHECK;
  if (view.state === 'summary') return view.summary.title;
  if (view.state === 'exit') return view.page.title;
  const questions = view.page.questions ?? [];
  const revealed = new Set(questions.flatMap((q) => (q.options ?? []).flatMap((option) => option.reveals ?? [])));
  const topLevel = questions.filter((q) => !revealed.has(q.id));
  return topLevel.length === 1 ? topLevel[0].label : (view.page.title || view.form.title);
}

// What the person typed, which must never be stored in clear.
export const TYPED = ['Zephyrcycle', 'Midnight blue', 'SW1A 2AA', 'Chained to the lamp post', 'Alex Quinlan-Testperson', 'alex@example.com'];

// Everything the browser stores for the origin, as text: every IndexedDB
// record (binary as latin1, CryptoKeys described), localStorage,
// sessionStorage and every Cache Storage body.
export async function dumpStorage(page) {
  return page.evaluate(async () => {
    const out = { indexedDB: [], localStorage: JSON.stringify({ ...localStorage }), sessionStorage: JSON.stringify({ ...sessionStorage }), caches: [], cryptoKeys: [] };
    const describe = (value) => {
      if (value instanceof CryptoKey) {
        out.cryptoKeys.push({ extractable: value.extractable, algorithm: value.algorithm.name, usages: value.usages });
        return '[CryptoKey]';
      }
      if (value instanceof ArrayBuffer) return String.fromCharCode(...new Uint8Array(value));
      if (ArrayBuffer.isView(value)) return String.fromCharCode(...new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      if (Array.isArray(value)) return `[${value.map(describe).join(',')}]`;
      if (value && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}:${describe(v)}`).join(',')}}`;
      return String(value);
    };
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of db.objectStoreNames) {
        const records = await new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        out.indexedDB.push(`${name}/${store}: ${records.map(describe).join('\n')}`);
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        const body = new Uint8Array(await (await cache.match(request)).arrayBuffer());
        out.caches.push(`${cacheName} ${request.url}: ${new TextDecoder('latin1').decode(body)}`);
      }
    }
    return out;
  });
}

// Every secret key the server at `dataDir` holds (sealing, receipt, the
// teams'), in each form it could be stored in: its base64 as in the file,
// its bytes as hex, and its bytes themselves (as dumpStorage renders binary).
function serverSecrets(dataDir) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const at = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(at);
      else if (entry.name.endsWith('.secret')) found.push(readFileSync(at, 'utf8').trim());
    }
  };
  walk(dataDir);
  assert.ok(found.length >= 3, `the server's secret keys in ${dataDir}`);
  return found.flatMap((base64) => {
    const bytes = Buffer.from(base64, 'base64');
    return [base64, bytes.toString('hex'), bytes.toString('latin1')];
  });
}

// serverDataDir: also look, everywhere the browser keeps anything (the app's
// cached code included), for the server's secret keys themselves.
export function assertNothingInClear(storage, what, { serverDataDir = null } = {}) {
  if (serverDataDir) {
    const everywhere = [...storage.indexedDB, storage.localStorage, storage.sessionStorage, ...storage.caches];
    for (const secret of serverSecrets(serverDataDir)) {
      assert.ok(!everywhere.some((text) => text.includes(secret)), `${what}: a secret key of the server is stored in the browser`);
    }
  }
  const places = [...storage.indexedDB, storage.localStorage, storage.sessionStorage, ...storage.caches];
  for (const typed of TYPED) {
    const place = places.find((text) => text.includes(typed));
    assert.ok(!place, `${what}: "${typed}" is stored in clear, in ${place?.slice(0, 120)}`);
  }
  // Key material: only public keys may be stored (the app's own code is not data).
  const data = [...storage.indexedDB, storage.localStorage, storage.sessionStorage,
    ...storage.caches.filter((entry) => entry.includes('/api/'))].join('\n');
  assert.doesNotMatch(data, /secret|private/i, `${what}: something named secret or private is stored`);
  for (const key of storage.cryptoKeys) assert.equal(key.extractable, false, `${what}: a stored CryptoKey is extractable`);
}

// The real server and Debian's chromium for one test file: started before its
// tests, stopped after. Read `.server` and `.browser` inside the tests.
export function serverAndBrowser(serverOptions = {}) {
  const shared = { server: null, browser: null };
  before(async () => {
    shared.server = await startServer(serverOptions);
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}
