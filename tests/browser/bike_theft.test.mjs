// End to end: a person reports a stolen bike in Debian's chromium against the real
// `frontdesk serve` and the real wasm engine. Elements are found by role and
// accessible name only, so passing also shows the pages can be used without sight.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  CHECK, DANGER, REFERENCE as ANYWHERE, assertFocused, checkPage, openPage as openContextPage, serverAndBrowser,
} from './helpers.mjs';

// The reference is the whole text of its element.
const REFERENCE = new RegExp(`^${ANYWHERE.source}$`);

const shared = serverAndBrowser();

const openPage = (viewport) => openContextPage(shared.browser, { viewport });

// After each page change focus must be on the new page's h1.
async function expectNewPage(page, headingName) {
  const heading = page.getByRole('heading', { level: 1, name: headingName });
  await heading.waitFor();
  await assertFocused(heading, `the h1 "${headingName}"`);
  return heading;
}

async function answerCheck(page) {
  const rows = await page.getByRole('main').locator('dl > div').evaluateAll((divs) => divs.map((div) => [
    div.querySelector('dt').textContent.trim(),
    div.querySelector('dd').textContent.trim(),
  ]));
  return new Map(rows);
}

async function pressContinue(page) {
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
}

test('a person reports a stolen bike, start to finish, on a 320px screen', { timeout: 120_000 }, async () => {
  const page = await openPage({ width: 320, height: 640 });
  await page.goto(`${shared.server.url}/`);

  // The start page lists the forms.
  await page.getByRole('heading', { level: 1 }).waitFor();
  await checkPage(page, 'start page');
  await page.getByRole('link', { name: /start now.*bike/i }).press('Enter');

  // Danger first: No, with the keyboard.
  const dangerGroup = page.getByRole('group', { name: DANGER });
  await dangerGroup.waitFor();
  await expectNewPage(page, DANGER);
  await checkPage(page, 'danger');
  await page.keyboard.press('Tab');
  await assertFocused(page.getByRole('radio', { name: 'Yes' }), 'the first radio');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByRole('radio', { name: 'No' }).isChecked(), 'ArrowDown chooses "No"');
  await page.keyboard.press('Tab');
  await assertFocused(page.getByRole('button', { name: 'Continue' }), 'Continue');
  await page.keyboard.press('Enter');

  // About the bike: Continue with the required make empty shows the error summary.
  const make = page.getByLabel('Make of the bike');
  await make.waitFor();
  await assertFocused(page.getByRole('heading', { level: 1 }), 'the h1 of the bike page');
  await checkPage(page, 'bike');
  await pressContinue(page);
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  await assertFocused(summary, 'the error summary');
  assert.match(await page.title(), /^Error: /);
  const summaryLink = summary.getByRole('link').first();
  const makeId = await make.getAttribute('id');
  assert.equal(await summaryLink.getAttribute('href'), `#${makeId}`, 'the summary links to the make field');
  assert.equal(await make.getAttribute('aria-invalid'), 'true');
  const describedBy = (await make.getAttribute('aria-describedby') ?? '').split(' ');
  const description = await page.evaluate((ids) => ids.map((id) => document.getElementById(id)?.textContent).join(' '), describedBy);
  assert.ok(description.includes((await summaryLink.textContent()).trim()), 'the field is described by its error');
  await checkPage(page, 'bike, with an error');
  await summaryLink.press('Enter');
  await assertFocused(make, 'the make field, from the error summary');

  await make.fill('Raleigh');
  await page.getByLabel('Colour', { exact: true }).fill('Red');
  await page.getByLabel('Frame number').fill('WTU123456');
  await page.getByLabel('Frame number').press('Enter');

  // Where: go Back once, find the answers kept, and come forward again.
  const postcode = page.getByLabel('Postcode where the bike was taken');
  await postcode.waitFor();
  await assertFocused(page.getByRole('heading', { level: 1 }), 'the h1 of the where page');
  await checkPage(page, 'where');
  await page.getByRole('link', { name: 'Back' }).press('Enter');
  await make.waitFor();
  assert.equal(await make.inputValue(), 'Raleigh', 'Back keeps the answers');
  await assertFocused(page.getByRole('heading', { level: 1 }), 'the h1 of the bike page, after Back');
  await pressContinue(page);
  await postcode.waitFor();
  await postcode.fill('SW1A 2AA');
  await page.getByLabel('Tell us where it was left').fill('Locked to the railings outside the library');
  await pressContinue(page);

  // Contact.
  const name = page.getByLabel('Your full name');
  await name.waitFor();
  await assertFocused(page.getByRole('heading', { level: 1 }), 'the h1 of the contact page');
  await checkPage(page, 'contact');
  await name.fill('Sam Jones');
  await page.getByLabel('Email address').fill('sam@example.com');
  await pressContinue(page);

  // Check your answers.
  await expectNewPage(page, CHECK);
  await checkPage(page, 'check your answers');
  let answers = await answerCheck(page);
  assert.match(answers.get(DANGER) ?? '', /^no$/i);
  assert.equal(answers.get('Make of the bike'), 'Raleigh');
  assert.equal(answers.get('Colour'), 'Red');
  assert.equal(answers.get('Frame number'), 'WTU123456');
  assert.equal(answers.get('Postcode where the bike was taken'), 'SW1A 2AA');
  assert.equal(answers.get('Your full name'), 'Sam Jones');
  assert.equal(answers.get('Email address'), 'sam@example.com');

  // Change the colour, and come back to check your answers.
  await page.getByRole('link', { name: 'Change Colour' }).press('Enter');
  const colour = page.getByLabel('Colour', { exact: true });
  await colour.waitFor();
  await assertFocused(page.getByRole('heading', { level: 1 }), 'the h1 of the page with the colour');
  assert.equal(await colour.inputValue(), 'Red');
  await colour.fill('Blue');
  await pressContinue(page);
  await expectNewPage(page, CHECK);
  answers = await answerCheck(page);
  assert.equal(answers.get('Colour'), 'Blue');
  assert.equal(answers.get('Make of the bike'), 'Raleigh');

  // Send, and get a verified receipt.
  // Sent by the page or, when Background Sync fires first, by the service
  // worker: the context sees the requests of both.
  const posted = page.context().waitForEvent('request',
    (request) => request.url().endsWith('/api/submissions') && request.method() === 'POST');
  await page.getByRole('button', { name: 'Send report' }).press('Enter');
  const request = await posted;
  assert.equal(request.headers()['content-type'], 'application/json');
  JSON.parse(request.postData());

  await expectNewPage(page, 'Report sent');
  const panel = page.getByText(/^Your reference number/);
  await panel.waitFor();
  const reference = panel.getByText(REFERENCE);
  await reference.waitFor();
  assert.match((await reference.textContent()).trim(), REFERENCE);
  await checkPage(page, 'report sent');
  await page.context().close();
});

test('someone in danger is told to call 999', { timeout: 60_000 }, async () => {
  const page = await openPage({ width: 1280, height: 900 });
  // Straight into the form by its address.
  await page.goto(`${shared.server.url}/#/form/bike-theft`);
  await page.getByRole('group', { name: DANGER }).waitFor();
  // The skip link comes first and leads past the header.
  await page.keyboard.press('Tab');
  await assertFocused(page.getByRole('link', { name: 'Skip to main content' }), 'the skip link');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await assertFocused(page.getByRole('radio', { name: 'Yes' }), 'the first radio');
  await page.keyboard.press('Space');
  assert.ok(await page.getByRole('radio', { name: 'Yes' }).isChecked(), 'Space chooses "Yes"');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  const heading = await expectNewPage(page, /999/);
  assert.match(await heading.textContent(), /999/);
  assert.equal(await page.getByRole('button', { name: 'Continue' }).count(), 0, 'an exit page has no Continue');
  await checkPage(page, 'call 999');
  await page.context().close();
});
