// Every journey through each shipped form (bike theft has tests of its own),
// walked in Chromium by keyboard only, with axe and the page checks on every
// page: the journeys and the answers that walk them come from `frontdesk
// paths`, and the same wasm engine, driven here in Node beside the page, says
// what each page asks and where the answers lead, so the test knows which
// heading to wait for next. A journey that reaches check your answers is sent
// and must get a reference. The crime report has 577 journeys through 29
// pages: of those, the fewest that between them show every page (13); every
// page of all 577 is checked with axe by every_view.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  REFERENCE, checkPage, continueByKeyboard, headingOf, onPage, openPage, sendByKeyboard, serverAndBrowser, tabTo,
} from './helpers.mjs';
import { allJourneys, nodeEngine } from './journeys.mjs';

const FORMS = ['road-traffic', 'lost-found-property', 'firearms-licence', 'speed-awareness-course', 'feedback', 'crime-report'];
const COVER_ONLY = new Set(['crime-report']);

const shared = serverAndBrowser();

function journeys(formId) {
  const all = allJourneys(formId);
  return COVER_ONLY.has(formId) ? coveringEveryPage(all) : all;
}

// Greedily, the journey that shows the most pages not yet shown, until every
// page of every journey is in one of those chosen.
function coveringEveryPage(all) {
  const left = new Set(all.flatMap((journey) => journey.pages));
  const chosen = [];
  while (left.size) {
    const gain = (journey) => new Set(journey.pages.filter((id) => left.has(id))).size;
    const best = all.reduce((a, b) => (gain(b) > gain(a) ? b : a));
    chosen.push(best);
    for (const id of best.pages) left.delete(id);
  }
  return chosen;
}

// Page ids in order, each run of the same page (a repeat's entries) once.
const runs = (ids) => ids.filter((id, i) => id !== ids[i - 1]);

const field = (page, id, part = '') => page.locator(`#${CSS_ESCAPE(`fd-q-${id}${part}`)}`);
const CSS_ESCAPE = (text) => text.replace(/[^\w-]/g, (c) => `\\${c}`);

async function typeIn(page, locator, text, what) {
  await tabTo(page, locator, what, 60);
  await page.keyboard.type(text);
}

// Answers one question by keyboard, as the answer string the engine takes.
// Returns the answer the page made when it is not `value` (a file's).
async function answer(page, question, value) {
  const { id, type } = question;
  const what = `"${question.label}"`;
  switch (type) {
    case 'radios':
    case 'yes_no': {
      const radios = page.locator(`input[type=radio][name="${id}"]`);
      await tabTo(page, radios.first(), `the first radio of ${what}`, 60);
      await page.keyboard.press('Space');
      const wanted = page.locator(`input[type=radio][name="${id}"][value="${value}"]`);
      const count = await radios.count();
      for (let i = 0; i < count && !(await wanted.isChecked()); i++) await page.keyboard.press('ArrowDown');
      assert.ok(await wanted.isChecked(), `${value} is chosen in ${what}`);
      return;
    }
    case 'checkboxes':
      for (const one of value.split('\n')) {
        await tabTo(page, page.locator(`input[type=checkbox][name="${id}"][value="${one}"]`), `${one} in ${what}`, 60);
        await page.keyboard.press('Space');
      }
      return;
    case 'date': {
      const [, year, month, day] = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value) ?? [];
      assert.ok(year, `${what}: a date the test can type (${value})`);
      if (!question.approximate) await typeIn(page, field(page, id), String(Number(day)), `the day of ${what}`);
      await typeIn(page, field(page, id, question.approximate ? '' : '-month'), String(Number(month)), `the month of ${what}`);
      await typeIn(page, field(page, id, '-year'), year, `the year of ${what}`);
      return;
    }
    case 'address': {
      const parts = value.split('\n');
      for (const [index, part] of ['', '-line2', '-town', '-postcode'].entries()) {
        if (parts[index]) await typeIn(page, field(page, id, part), parts[index], `${what} ${part || 'line 1'}`);
      }
      return;
    }
    case 'file': {
      // A file of the journey's size and name, chosen in the file picker
      // opened by keyboard. The page hashes its bytes: that answer is the one
      // the engine here gets too, and the file is sealed into the report.
      const [, size, name] = value.split('\n');
      await tabTo(page, field(page, id), `the file input of ${what}`, 60);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
      await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.alloc(Number(size), 1) });
      const made = await (await page.waitForFunction((input) => input.dataset.reference, await field(page, id).elementHandle())).jsonValue();
      assert.match(made, new RegExp(`^[0-9a-f]{64}\n${size}\n${name.replace(/\./g, '\\.')}$`), `${what}: the page's answer for the file`);
      return made;
    }
    default:
      assert.ok(type !== 'select', `${what}: no keyboard recipe for ${type} here`);
      await typeIn(page, field(page, id), value, what);
  }
}

for (const formId of FORMS) {
  const which = COVER_ONLY.has(formId) ? 'journeys that show every page of' : 'every journey through';
  test(`${which} ${formId}, by keyboard, with axe on every page`, { timeout: 600_000 }, async () => {
    const engine = await nodeEngine();
    const image = new Uint8Array(await (await fetch(`${shared.server.url}/api/forms/${formId}`)).arrayBuffer());
    const found = journeys(formId);
    assert.ok(found.length > 0, `${formId} has journeys`);
    let sent = 0;
    for (const [index, journey] of found.entries()) {
      const name = `${formId}, journey ${index + 1} (${journey.pages.join(' → ')})`;
      engine.loadForm(image);
      const shown = [];
      const page = await openPage(shared.browser, { serviceWorkers: 'block' });
      await page.goto(`${shared.server.url}/#/form/${formId}`);
      for (let step = 0, first = true; ; step++, first = false) {
        assert.ok(step < 40, `${name}: no end after 40 pages`);
        const view = engine.view();
        await onPage(page, headingOf(view), { focused: !first });
        if (view.state === 'question' || view.state === 'exit') shown.push(view.page.id);
        if (view.state === 'exit') {
          assert.equal(journey.outcome, 'exit', `${name} ends on the exit page ${view.page.id}`);
          assert.equal(view.page.id, journey.pages.at(-1));
          break;
        }
        if (view.state === 'check') {
          assert.equal(journey.outcome, 'submitted', `${name} reaches check your answers`);
          await sendByKeyboard(page);
          await page.getByRole('heading', { level: 1, name: 'Report sent' }).waitFor();
          await page.getByText(REFERENCE).first().waitFor();
          await checkPage(page, `${name}: report sent`);
          sent += 1;
          break;
        }
        if (view.state === 'summary') {
          // Another entry when the journey's answers have one.
          const { group, entries, add_another: ask } = view.summary;
          if (ask) {
            const more = Object.keys(journey.answers).some((key) => key.startsWith(`${group}.${entries.length + 1}.`));
            await answer(page, { id: ask.id, type: 'radios', label: ask.label }, more ? 'yes' : 'no');
            engine.setAnswer(ask.id, more ? 'yes' : 'no');
          }
          await continueByKeyboard(page, 'Continue', 80);
          engine.next();
          assert.deepEqual(engine.view().errors ?? [], [], `${name}: the summary of ${group}`);
          continue;
        }
        assert.equal(view.state, 'question', `${name}: a page of questions`);
        // A repeat entry's answers are GROUP.N.QUESTION in the journey.
        const entry = view.page.repeat ? `${view.page.repeat.group}.${view.page.repeat.entry}.` : '';
        for (const { id } of view.page.questions) {
          // Shown or not may depend on the answers just given (show_if).
          const question = engine.view().page.questions.find((q) => q.id === id);
          const value = journey.answers[`${entry}${id}`];
          if (question.type === 'content' || question.shown === false || value === undefined || value === '') continue;
          engine.setAnswer(id, (await answer(page, question, value)) ?? value);
        }
        await continueByKeyboard(page, 'Continue', 80);
        engine.next();
        assert.deepEqual(engine.view().errors ?? [], [], `${name}: the answers pass ${view.page.id}`);
      }
      // Every page of the journey was shown and checked, in its order.
      assert.deepEqual(runs(shown), runs(journey.pages), name);
      assert.deepEqual(page.problems, [], name);
      await page.context().close();
    }
    assert.equal(sent, found.filter((journey) => journey.outcome === 'submitted').length);
    assert.ok(shared.server.storedCount() >= sent);
  });
}
