// SurveyJS (survey-core) headless in Node, for the benchmarks and the check of
// the translation: loading it, and walking a survey page by page with a set of
// answers as a person would (answer the page, Next; check your answers at the end).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { registerSurveyJSFunctions, registerSurveyJSTables } from './translate.mjs';

const require = createRequire(import.meta.url);
export const Survey = require('survey-core');
// Its package.json is not exported: read it beside the resolved entry point.
export const SURVEYJS_VERSION = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('survey-core')), 'package.json'), 'utf8')).version;

// survey-core looks for a DOM to scroll to the first error; Node has none.
Survey.settings.environment = {};
registerSurveyJSFunctions(Survey);

export function newModel(json) {
  registerSurveyJSTables(json);
  const model = new Survey.Model(json);
  model.focusOnFirstError = false;
  return model;
}

// Walks the survey from its first page with `values` (from toSurveyValues).
// Returns { outcome: 'submitted' | 'exit' | 'invalid', pages, errors, steps,
// unasked }: the pages shown; `steps`, the microseconds of each "last answer
// on the page + Next" when `timed` (the other answers of the page are given
// first); and `unasked`, the answers no page shown asked for (a journey that
// walks with answers left over has not been walked as the engine walked it).
export function walk(model, values, { timed = false } = {}) {
  const pages = [];
  const steps = [];
  const asked = new Set();
  const end = (outcome, more = {}) => ({ outcome, pages, steps, unasked: Object.keys(values).filter((name) => !asked.has(name)), ...more });
  for (let guard = 0; guard < 10_000; guard++) {
    if (model.state === 'completed') return end('exit');
    if (model.state !== 'running') return end('submitted');
    const page = model.currentPage;
    pages.push(page.name);
    // An exit page (translate.mjs): the journey ends on it, nothing is sent.
    if (page.navigationButtonsVisibility === 'hide') return end('exit');
    const names = page.questions.map((q) => q.name).filter((name) => values[name] !== undefined);
    for (const name of names) asked.add(name);
    for (const name of names.slice(1)) model.setValue(name, values[name]);
    let last = () => model.setValue(names[0], values[names[0]]);
    const first = names.length ? page.getQuestionByName(names[0]) : undefined;
    if (first?.getType() === 'paneldynamic' && values[names[0]].length) {
      // A repeat page: every entry but the last answer of the last entry
      // first, then (timed) that answer, as a person filling the panels would.
      const entries = values[names[0]];
      const lastEntry = Object.entries(entries.at(-1));
      model.setValue(names[0], [...entries.slice(0, -1), Object.fromEntries(lastEntry.slice(0, -1))]);
      if (lastEntry.length) {
        const [name, value] = lastEntry.at(-1);
        last = () => { first.panels[entries.length - 1].getQuestionByName(name).value = value; };
      }
    }
    const start = timed ? process.hrtime.bigint() : 0n;
    if (names.length) last();
    const ok = model.isLastPage ? model.showPreview() : model.nextPage();
    if (timed) steps.push(Number(process.hrtime.bigint() - start) / 1000);
    if (!ok && model.state === 'running') {
      // A dynamic panel's errors are its own and its panels' questions'.
      const questions = page.questions.flatMap((q) => [q, ...(q.panels ?? []).flatMap((panel, i) => panel.questions.map((inner) => ({ name: `${q.name}.${i + 1}.${inner.name}`, errors: inner.errors })))]);
      const errors = questions.flatMap((q) => q.errors.map((e) => `${q.name}: ${e.getText()}`));
      return end('invalid', { errors });
    }
  }
  throw new Error('the survey does not end');
}
