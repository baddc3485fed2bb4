// axe on every page of every journey: each journey `frontdesk paths` finds
// through each shipped form (the crime report's 577 too) is walked by the
// browser's wasm engine in Node, and every page it shows on the way, the
// page with its errors when Continue is pressed with nothing answered, and
// where the journey ends, is drawn by the real app.js and checked (axe
// WCAG 2.2 A and AA, no sideways scrolling at 320 px, no missing values, no
// script errors). Pages that differ only in the answers typed into them are
// drawn once. The page's engine is a stand-in that hands app.js each view in
// turn; every_journey.test.mjs walks journeys with the real one, by keyboard.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkPage, headingOf, openPage, serverAndBrowser } from './helpers.mjs';
import { allJourneys, nodeEngine } from './journeys.mjs';

const FORMS = ['bike-theft', 'crime-report', 'road-traffic', 'lost-found-property', 'firearms-licence',
  'speed-awareness-course', 'feedback'];

const shared = serverAndBrowser();

// Served in place of engine-client.js: the view is whatever the test set last.
const STAND_IN_ENGINE = `
export class EngineError extends Error {}
export async function loadCrypto() { return {}; }
export async function loadEngine() {
  return {
    loadForm() {}, setToday() {}, setAnswer() {}, next() {}, back() { return false; }, change() {},
    addAnother() {}, changeEntry() {}, removeEntry() {},
    view() { return structuredClone(window.fdView); },
    saveDraft() { return ''; },
    restoreDraft() { return []; },
  };
}`;

// The page without what was typed: pages of one shape are drawn once.
const shape = (view) => JSON.stringify(view, (key, value) => (key === 'value' ? '' : value));

// Every view of every journey through the form, one of each shape.
async function viewsOf(formId) {
  const engine = await nodeEngine();
  const image = new Uint8Array(await (await fetch(`${shared.server.url}/api/forms/${formId}`)).arrayBuffer());
  const views = new Map();
  const keep = (view, what) => { if (!views.has(shape(view))) views.set(shape(view), { view, what }); };
  for (const [index, journey] of allJourneys(formId).entries()) {
    const name = `journey ${index + 1}`;
    engine.loadForm(image);
    for (let step = 0; ; step++) {
      assert.ok(step < 60, `${formId}, ${name}: no end after 60 pages`);
      const view = engine.view();
      keep(view, `${name}, ${view.state} ${view.page?.id ?? ''}`);
      if (view.state === 'exit' || view.state === 'check') break;
      if (view.state === 'summary') {
        const { group, entries, add_another: ask } = view.summary;
        if (ask) {
          const more = Object.keys(journey.answers).some((key) => key.startsWith(`${group}.${entries.length + 1}.`));
          engine.setAnswer(ask.id, more ? 'yes' : 'no');
        }
        engine.next();
        continue;
      }
      const shownQuestions = () => engine.view().page.questions.filter((q) => q.type !== 'content' && q.shown !== false);
      // Continue with nothing answered, where something is required: the page with its errors.
      if (shownQuestions().some((q) => q.required && !q.value)) {
        engine.next();
        const errors = engine.view();
        assert.equal(errors.page?.id, view.page.id, `${formId}, ${name}: a page with a required question stays put`);
        keep(errors, `${name}, ${view.page.id} with errors`);
      }
      const entry = view.page.repeat ? `${view.page.repeat.group}.${view.page.repeat.entry}.` : '';
      for (const { id } of view.page.questions) {
        const question = engine.view().page.questions.find((q) => q.id === id);
        const value = journey.answers[`${entry}${id}`];
        if (question.type === 'content' || question.shown === false || value === undefined || value === '') continue;
        engine.setAnswer(id, value);
      }
      engine.next();
      assert.deepEqual(engine.view().errors ?? [], [], `${formId}, ${name}: the answers pass ${view.page.id}`);
    }
  }
  return [...views.values()];
}

for (const formId of FORMS) {
  test(`every page of every journey through ${formId} passes axe and the page checks`, { timeout: 600_000 }, async () => {
    const views = await viewsOf(formId);
    const page = await openPage(shared.browser, { serviceWorkers: 'block' });
    await page.route(/\/engine-client\.[0-9a-f]+\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: STAND_IN_ENGINE }));
    // Without the server's start view, the stand-in draws the first page too.
    await page.route(/\/api\/forms\/[^/]+\/start$/, (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(`${shared.server.url}/#/delete`);
    for (const { view, what } of views) {
      // Away and back to the form: app.js loads it into the engine again and draws its view.
      await page.evaluate((next) => { window.fdView = next; location.hash = '#/delete'; }, view);
      await page.getByRole('heading', { level: 1, name: 'Delete your answers from this device' }).waitFor();
      await page.evaluate((id) => { location.hash = `#/form/${id}`; }, formId);
      await page.getByRole('heading', { level: 1, name: headingOf(view), exact: true }).waitFor();
      if (view.errors?.length) await page.locator('.fd-error-summary').waitFor();
      await checkPage(page, `${formId}, ${what}`);
    }
    console.log(`${formId}: ${views.length} pages checked`);
    await page.context().close();
  });
}
