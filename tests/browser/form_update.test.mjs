// A form changed while a person's draft waited on their device: the newer
// version restores what still applies (the engine's draft migration), says
// that the form has changed, and lands where the person left off. The newer
// version comes from a second server whose forms folder has bike theft
// without its colour question; the page's requests for the form are answered
// with that server's image and list.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { checkPage, continueByKeyboard, fillBikeTheft, onPage, openPage, serverAndBrowser } from './helpers.mjs';
import { startServer } from './server.mjs';

const shared = serverAndBrowser();
let newer = null;
let formsDir = null;

before(async () => {
  formsDir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-forms-'));
  await cp(process.env.FRONTDESK_FORMS, formsDir, { recursive: true });
  const file = path.join(formsDir, 'bike-theft.json');
  const form = JSON.parse(await readFile(file, 'utf8'));
  const bike = form.pages.find((page) => page.id === 'bike');
  bike.questions = bike.questions.filter((question) => question.id !== 'colour');
  await writeFile(file, JSON.stringify(form, null, 2));
  newer = await startServer({ forms: formsDir });
});

after(async () => {
  await newer?.stop();
  if (formsDir) await rm(formsDir, { recursive: true, force: true });
});

// What the newer server says, for the same request.
async function fromNewer(route) {
  const url = new URL(route.request().url());
  const response = await fetch(`${newer.url}${url.pathname}${url.search}`);
  await route.fulfill({
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    body: Buffer.from(await response.arrayBuffer()),
  });
}

test('a draft made on an older version of a form keeps what still applies, and says the form has changed', { timeout: 90_000 }, async () => {
  const page = await openPage(shared.browser, { serviceWorkers: 'block' });
  await page.goto(`${shared.server.url}/#/form/bike-theft`);
  await fillBikeTheft(page, { axe: false, direct: true, stopAfter: 'bike-typed' });
  await continueByKeyboard(page);
  await onPage(page, 'Where was the bike taken from?');
  await page.waitForTimeout(500); // the draft, saved on Continue

  const versions = [];
  for (const server of [shared.server, newer]) {
    const list = await (await fetch(`${server.url}/api/forms`)).json();
    versions.push(list.find((form) => form.id === 'bike-theft').version);
  }
  assert.notEqual(versions[0], versions[1], 'the newer form has a new version');

  // The form, its image and its start view now come from the newer server.
  await page.route(/\/api\/forms(\/bike-theft(\/start)?)?(\?.*)?$/, fromNewer);
  await page.reload();
  await onPage(page, 'Where was the bike taken from?', { focused: false });
  await page.getByText('We kept the answers you gave before on this device.').waitFor();
  await page.getByText('This form has changed since then. Some of your answers are no longer needed and have been removed.').waitFor();
  await checkPage(page, 'restored on the newer version');

  // The make is kept; the colour question is gone, and so is its answer.
  await page.getByRole('link', { name: 'Back' }).press('Enter');
  await onPage(page, 'About the bike');
  assert.equal(await page.getByLabel('Make of the bike').inputValue(), 'Zephyrcycle');
  assert.equal(await page.getByLabel('Colour', { exact: true }).count(), 0);
  await page.context().close();
});
