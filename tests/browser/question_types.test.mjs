// The question types beyond text and radios (web/questions.js), in Debian's
// chromium against the real server and wasm engine, on the golden tests' form
// that uses every construct (tests/golden/forms/everything.json): each page
// passes axe, fields are found by role and accessible name, show_if reveals a
// question live, error summary links land on the first input of a field, and
// check your answers shows answers as people read them.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { formatViolations, runAxe } from './axe.mjs';
import { serverAndBrowser } from './helpers.mjs';

const GOLDEN_FORMS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'forms');

// This server serves the golden forms (the two-language one among them) instead of forms/.
const shared = serverAndBrowser({ forms: GOLDEN_FORMS });

async function openPage(viewport) {
  const context = await shared.browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`script error: ${error.message}`));
  return page;
}

async function checkPage(page, name) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe on "${name}":\n${formatViolations(violations)}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `"${name}" scrolls sideways by ${overflow}px`);
  const text = await page.getByRole('main').innerText();
  assert.doesNotMatch(text, /\b(null|undefined|NaN)\b|\[object /, `"${name}" shows a missing value`);
  assert.deepEqual(page.problems, [], `problems on "${name}"`);
}

async function heading(page, name) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function pressContinue(page) {
  await page.getByRole('button', { name: 'Continue' }).press('Enter');
}

async function isFocused(locator) {
  return locator.evaluate((element) => element === document.activeElement);
}

test('every question type renders accessibly and answers round-trip', { timeout: 120_000 }, async () => {
  const page = await openPage({ width: 320, height: 640 });
  await page.goto(`${shared.server.url}/#/form/everything`);

  // yes_no: two radios in a group named by the question.
  const danger = page.getByRole('group', { name: 'Is anyone in danger or is the crime happening now?' });
  await danger.waitFor();
  await checkPage(page, 'yes/no');
  await danger.getByRole('radio', { name: 'No' }).check();
  await pressContinue(page);

  // checkboxes, a content block, and questions shown only for some answers.
  await heading(page, 'What was taken?');
  const taken = page.getByRole('group', { name: 'What was taken?' });
  await taken.waitFor();
  assert.ok(await page.getByText('Tell us about everything that was taken, even small things.').isVisible());
  const otherItem = page.getByLabel('What else was taken?');
  assert.equal(await otherItem.isVisible(), false, 'hidden until "Something else" is ticked');
  await checkPage(page, 'checkboxes');
  await taken.getByRole('checkbox', { name: 'Something else' }).check();
  await otherItem.waitFor({ state: 'visible' });
  await taken.getByRole('checkbox', { name: 'A phone' }).check();
  const phoneMake = page.getByLabel('Make of the phone');
  await phoneMake.waitFor({ state: 'visible' });
  await checkPage(page, 'checkboxes with revealed questions');
  await phoneMake.selectOption('apple');
  await pressContinue(page);
  // The revealed question is required: its error links to it.
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  await summary.getByRole('link', { name: 'Enter what else was taken' }).press('Enter');
  assert.ok(await isFocused(otherItem), 'the error summary link focuses the revealed field');
  await checkPage(page, 'checkboxes with an error');
  await otherItem.fill('A wallet');
  await pressContinue(page);

  // date: a fieldset of Day, Month and Year; an approximate date of Month and Year; time.
  await heading(page, 'When did it happen?');
  const takenOn = page.getByRole('group', { name: 'Date it was taken' });
  await takenOn.waitFor();
  await checkPage(page, 'dates');
  await takenOn.getByLabel('Day').fill('29');
  await takenOn.getByLabel('Month').fill('11');
  await takenOn.getByLabel('Year').fill('2099');
  const noticed = page.getByRole('group', { name: 'When you noticed' });
  assert.equal(await noticed.getByLabel('Day').count(), 0, 'an approximate date asks no day');
  await noticed.getByLabel('Month').fill('1');
  await noticed.getByLabel('Year').fill('2026');
  await page.getByLabel('Time it was taken').fill('2:30pm');
  await pressContinue(page);
  await summary.waitFor();
  await summary.getByRole('link', { name: 'The date it was taken must be today or in the past' }).press('Enter');
  assert.ok(await isFocused(takenOn.getByLabel('Day')), 'a date error lands on Day');
  await checkPage(page, 'dates with an error');
  await takenOn.getByLabel('Year').fill('2026');
  await takenOn.getByLabel('Month').fill('1');
  await takenOn.getByLabel('Day').fill('3');
  await pressContinue(page);

  // money with a £ prefix, a whole number, a decimal.
  await heading(page, 'What was it worth?');
  await checkPage(page, 'money and numbers');
  await page.getByLabel('Value of each item').fill('1,250.5');
  await page.getByLabel('How many items').fill('2');
  await pressContinue(page);

  // postcode and select.
  await heading(page, 'Where did it happen?');
  await checkPage(page, 'postcode and select');
  await page.getByLabel('Postcode').fill('sw1a 2jr');
  await page.getByLabel('Type of place').selectOption('transport');
  await pressContinue(page);

  // email, phone, address, file, date of birth.
  await heading(page, 'How can we contact you?');
  await checkPage(page, 'contact');
  await page.getByLabel('Full name').fill('Sam Smith');
  assert.equal(await page.getByLabel('Email address').getAttribute('type'), 'email');
  assert.equal(await page.getByLabel('Telephone number').getAttribute('type'), 'tel');
  await page.getByLabel('Telephone number').fill('07700 900 982');
  const address = page.getByRole('group', { name: 'Home address' });
  await address.getByLabel('Address line 1').fill('1 High Street');
  await address.getByLabel('Town or city').fill('London');
  await address.getByLabel('Postcode').fill('sw1a 1aa');
  const born = page.getByRole('group', { name: 'Date of birth' });
  await born.getByLabel('Day').fill('1');
  await born.getByLabel('Month').fill('February');
  await born.getByLabel('Year').fill('1990');
  await pressContinue(page);

  // Check your answers: as people read them.
  await heading(page, 'Check your answers before sending your report');
  await checkPage(page, 'check your answers');
  const rows = new Map(await page.getByRole('main').locator('dl > div').evaluateAll((divs) => divs.map((div) => [
    div.querySelector('dt').textContent.trim(), div.querySelector('dd').textContent.trim()])));
  assert.equal(rows.get('What was taken?'), 'A phone, Something else');
  assert.equal(rows.get('Make of the phone'), 'Apple');
  assert.equal(rows.get('Date it was taken'), '3 January 2026');
  assert.equal(rows.get('When you noticed'), 'January 2026');
  assert.equal(rows.get('Time it was taken'), '14:30');
  assert.equal(rows.get('Value of each item'), '£1,250.50');
  assert.equal(rows.get('Postcode'), 'SW1A 2JR');
  assert.equal(rows.get('Type of place'), 'On public transport');
  assert.equal(rows.get('Home address'), '1 High Street, London, SW1A 1AA');
  assert.equal(rows.get('Date of birth'), '1 February 1990');
  assert.equal(rows.has('Tell us about everything that was taken, even small things.'), false, 'content has no row');
  await page.context().close();
});
