// A form in two languages (tests/golden/forms/lost-property.json) in Debian's
// chromium against the real server: the language select is a keyboard-reachable
// GOV.UK link list, switching keeps every answer, the page's `lang` follows the
// language, the app's own words and the engine's messages are Polish, a reload
// keeps the choice, and a report filled in Polish is accepted (the server
// replays it; its language is the image's).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { REFERENCE, assertFocused, checkPage, openPage, serverAndBrowser, tabTo } from './helpers.mjs';

const GOLDEN_FORMS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'forms');

// This server serves the golden forms (the two-language one among them) instead of forms/.
const shared = serverAndBrowser({ forms: GOLDEN_FORMS });

const languages = (page) => page.evaluate(() => [document.documentElement.lang, document.getElementById('fd-app').lang]);

async function heading(page, name) {
  const h1 = page.getByRole('heading', { level: 1, name, exact: true });
  await h1.waitFor();
  return h1;
}

test('switching to Polish keeps the answers, and a report in Polish is sent', { timeout: 120_000 }, async () => {
  const page = await openPage(shared.browser);
  await page.goto(`${shared.server.url}/#/form/lost-property`);
  await heading(page, 'What did you lose?');
  const select = page.getByRole('navigation', { name: 'Language' });
  await select.waitFor();
  assert.deepEqual(await languages(page), ['en', 'en']);
  assert.equal(await select.locator('[aria-current="true"]').innerText(), 'English');
  const polski = select.getByRole('link', { name: 'Polski' });
  assert.equal(await polski.getAttribute('lang'), 'pl');
  assert.equal(await polski.getAttribute('hreflang'), 'pl');
  await checkPage(page, 'English, first page');

  // Answers given in English …
  await page.getByRole('radio', { name: 'A wallet or purse' }).check();
  await page.getByLabel('Day').fill('3');
  await page.getByLabel('Month').fill('9');
  await page.getByLabel('Year').fill('2026');

  // … and the language select reached with the keyboard from the top of the page.
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, polski, 'the "Polski" link');
  await page.keyboard.press('Enter');
  const polishHeading = await heading(page, 'Co zostało zgubione?');
  await assertFocused(polishHeading, 'the Polish page heading');
  assert.deepEqual(await languages(page), ['pl', 'pl']);
  assert.ok(await page.getByRole('radio', { name: 'Portfel' }).isChecked(), 'the chosen option is kept');
  assert.equal(await page.getByLabel('Dzień').inputValue(), '3');
  assert.equal(await page.getByLabel('Rok').inputValue(), '2026');
  assert.equal(await page.locator('.fd-header__service-name').innerText(), 'Internetowy posterunek policji');
  await page.getByText('To tłumaczenie nie zostało jeszcze sprawdzone.', { exact: false }).waitFor();
  const back = page.getByRole('navigation', { name: 'Język' });
  assert.equal(await back.locator('[aria-current="true"]').innerText(), 'Polski');
  assert.equal(await back.getByRole('link', { name: 'English' }).getAttribute('lang'), 'en');
  await checkPage(page, 'Polish, first page');

  await page.getByRole('button', { name: 'Dalej' }).click();
  await heading(page, 'Wartość w funtach');
  await page.getByLabel('Wartość w funtach').fill('lots');
  await page.getByRole('button', { name: 'Dalej' }).click();
  await page.getByRole('heading', { level: 2, name: 'Wystąpił problem' }).waitFor();
  await page.getByRole('link', { name: 'Wartość: wpisz kwotę, np. 12.50' }).waitFor();
  await checkPage(page, 'Polish, an engine message');
  await page.getByLabel('Wartość w funtach').fill('25');
  await page.getByRole('button', { name: 'Dalej' }).click();

  await heading(page, 'Sprawdź odpowiedzi przed wysłaniem zgłoszenia');
  const rows = page.locator('.fd-summary-list');
  await rows.getByText('Portfel', { exact: true }).waitFor();
  await rows.getByText('3 września 2026', { exact: true }).waitFor();
  await checkPage(page, 'Polish, check your answers');

  // A reload comes back in Polish, with the answers.
  await page.reload();
  await heading(page, 'Sprawdź odpowiedzi przed wysłaniem zgłoszenia');
  assert.deepEqual(await languages(page), ['pl', 'pl']);

  await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
  const sent = await heading(page, 'Zgłoszenie wysłane');
  assert.match(await page.locator('.fd-panel--confirmation').innerText(), REFERENCE);
  assert.ok(sent);
  await checkPage(page, 'Polish, report sent');

  // The start page keeps the choice: the forms listed in Polish where they have it;
  // a one-language form has no select, and is in English.
  await page.goto(`${shared.server.url}/#/`);
  await page.getByRole('link', { name: /Rozpocznij.*Zgłoś zgubioną rzecz/ }).waitFor();
  assert.deepEqual(await languages(page), ['pl', 'pl']);
  await page.goto(`${shared.server.url}/#/form/everything`);
  await page.getByRole('group', { name: 'Is anyone in danger or is the crime happening now?' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: /Language|Język/ }).count(), 0);
  assert.deepEqual(await languages(page), ['en', 'en']);
});
