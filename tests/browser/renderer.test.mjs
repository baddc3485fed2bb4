// The renderer's GOV.UK patterns that the shipped forms do not use yet: date
// input (day, month, year), checkboxes, questions revealed by an option, and
// the language switcher (its views in the shape of the per-language images:
// the Welsh image is served as the bytes "cy").
// The engine is replaced by a scripted stand-in serving views in the shape of
// docs/engine-view.md, so the real app.js draws them, keyboard only, with axe
// on every page.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CHECK, assertFocused, checkPage, openPage, serverAndBrowser } from './helpers.mjs';

const shared = serverAndBrowser();

const PAGES = [
  {
    id: 'when',
    title: 'When',
    questions: [{ id: 'when', type: 'date', label: 'When was the bike stolen?', hint: 'For example, 27 3 2026', required: true }],
  },
  {
    id: 'more',
    title: 'More about the bike',
    questions: [
      { id: 'items', type: 'checkboxes', label: 'What was on the bike?', hint: 'Select all that apply.', options: [
        { value: 'lights', label: 'Lights' }, { value: 'lock', label: 'A lock' }, { value: 'basket', label: 'A basket' }] },
      { id: 'insured', type: 'radios', label: 'Is the bike insured?', options: [
        { value: 'yes', label: 'Yes', reveals: ['insurer'] }, { value: 'no', label: 'No' }] },
      { id: 'insurer', type: 'text', label: 'Name of the insurer' },
    ],
  },
];

// The stand-in engine, served in place of engine-client.js.
const FAKE_ENGINE = `
const PAGES = ${JSON.stringify(PAGES)};
export class EngineError extends Error {}
export async function loadCrypto() { return {}; }
export async function loadEngine() {
  let index = 0;
  let errors = [];
  let language = 'en';
  const answers = {};
  window.__answers = answers;
  return {
    // The real bike theft image is English; the test serves "cy" as the Welsh one.
    loadForm(bytes) { language = bytes.length === 2 ? String.fromCharCode(...bytes) : 'en'; },
    view() {
      const form = { id: 'bike-theft', title: 'Report a stolen bike', language, languages: ['en', 'cy'] };
      if (index === PAGES.length) {
        return { form, state: 'check', can_go_back: true, check: { rows: PAGES.flatMap((page) => page.questions.map((q) =>
          ({ page: page.id, question: q.id, label: q.label, value: answers[q.id] ?? '' }))) } };
      }
      const page = PAGES[index];
      return { form, state: 'question', can_go_back: index > 0, errors, page: { ...page, questions: page.questions.map((q) => ({
        ...q, label: language === 'cy' ? 'Pryd cafodd y beic ei ddwyn?' : q.label, value: answers[q.id] ?? '', ...(errors.find((e) => e.question === q.id) ? { error: errors.find((e) => e.question === q.id).message } : {}) })) } };
    },
    setAnswer(id, value) { answers[id] = value; },
    next() {
      errors = PAGES[index].questions.filter((q) => q.required && !answers[q.id]).map((q) => ({ question: q.id, message: 'Enter the date the bike was stolen' }));
      if (!errors.length) index += 1;
    },
    back() { if (index === 0) return false; index -= 1; errors = []; return true; },
    change() {},
    saveDraft() { return 'draft'; },
    restoreDraft() { return []; },
  };
}`;

test('date input, checkboxes, a revealed question and the language switcher, keyboard only', { timeout: 60_000 }, async () => {
  const page = await openPage(shared.browser, { serviceWorkers: 'block' });
  await page.route(/\/engine-client\.[0-9a-f]+\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_ENGINE }));
  await page.route(/\/api\/forms\/bike-theft\?lang=cy$/, (route) => route.fulfill({ contentType: 'application/octet-stream', body: 'cy' }));
  await page.goto(`${shared.server.url}/#/form/bike-theft`);

  // Date: one fieldset, its legend the h1, three labelled boxes.
  const group = page.getByRole('group', { name: 'When was the bike stolen?' });
  await group.waitFor();
  await checkPage(page, 'date');
  for (const box of ['Day', 'Month', 'Year']) assert.equal(await group.getByLabel(box, { exact: true }).count(), 1, box);

  // The form in Welsh, and back: the switcher names each language in itself.
  const switcher = page.getByRole('navigation', { name: 'Language' });
  assert.equal(await switcher.locator('[aria-current="true"]').textContent(), 'English');
  await switcher.getByRole('link', { name: 'Cymraeg' }).press('Enter');
  await page.getByRole('group', { name: 'Pryd cafodd y beic ei ddwyn?' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
  await checkPage(page, 'date, in Welsh');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'English' }).press('Enter');
  await group.waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  // Continue with nothing: the error summary links to the day box.
  await group.getByLabel('Day').focus();
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert');
  await summary.waitFor();
  await assertFocused(summary, 'the error summary');
  await checkPage(page, 'date, with an error');
  await summary.getByRole('link').press('Enter');
  await assertFocused(page.getByLabel('Day'), 'the day box');
  await page.keyboard.type('27');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2026');
  await page.keyboard.press('Enter');

  // Checkboxes, and a radio that reveals a question.
  await page.getByRole('heading', { level: 1, name: 'More about the bike' }).waitFor();
  await checkPage(page, 'checkboxes and reveal');
  const insurer = page.getByLabel('Name of the insurer');
  assert.equal(await insurer.isVisible(), false, 'hidden until "Yes" is chosen');
  await page.getByRole('checkbox', { name: 'Lights' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.ok(await page.getByRole('checkbox', { name: 'A lock' }).isChecked());
  const yes = page.getByRole('radio', { name: 'Yes' });
  await yes.focus();
  await page.keyboard.press('Space');
  assert.equal(await yes.getAttribute('aria-controls'), await insurer.evaluate((input) => input.closest('.fd-conditional').id));
  await insurer.waitFor({ state: 'visible' });
  await checkPage(page, 'revealed');
  await page.keyboard.press('Tab');
  await assertFocused(insurer, 'the revealed question, next in tab order');
  await page.keyboard.type('Bikesure');
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { level: 1, name: CHECK }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__answers),
    { when: '27/3/2026', items: 'lights\nlock', insured: 'yes', insurer: 'Bikesure' });

  // Back: the answers are drawn again as they were given.
  await page.getByRole('link', { name: 'Back' }).press('Enter');
  await page.getByRole('heading', { level: 1, name: 'More about the bike' }).waitFor();
  assert.ok(await page.getByRole('checkbox', { name: 'Lights' }).isChecked());
  assert.ok(!(await page.getByRole('checkbox', { name: 'A basket' }).isChecked()));
  assert.equal(await insurer.inputValue(), 'Bikesure');
  await page.getByRole('link', { name: 'Back' }).press('Enter');
  await page.getByRole('group', { name: 'When was the bike stolen?' }).waitFor();
  assert.equal(await page.getByLabel('Month').inputValue(), '3');
  assert.equal(await page.getByLabel('Year').inputValue(), '2026');
  await page.context().close();
});
