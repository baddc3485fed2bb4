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
// Returns { outcome: 'submitted' | 'exit' | 'invalid', pages, errors, steps }:
// the pages shown, and `steps`, the microseconds of each "last answer on the
// page + Next" when `timed` (the other answers of the page are given first).
export function walk(model, values, { timed = false } = {}) {
  const pages = [];
  const steps = [];
  for (let guard = 0; guard < 10_000; guard++) {
    if (model.state === 'completed') return { outcome: 'exit', pages, steps };
    if (model.state !== 'running') return { outcome: 'submitted', pages, steps };
    const page = model.currentPage;
    pages.push(page.name);
    // An exit page (translate.mjs): the journey ends on it, nothing is sent.
    if (page.navigationButtonsVisibility === 'hide') return { outcome: 'exit', pages, steps };
    const names = page.questions.map((q) => q.name).filter((name) => values[name] !== undefined);
    for (const name of names.slice(1)) model.setValue(name, values[name]);
    const start = timed ? process.hrtime.bigint() : 0n;
    if (names.length) model.setValue(names[0], values[names[0]]);
    const ok = model.isLastPage ? model.showPreview() : model.nextPage();
    if (timed) steps.push(Number(process.hrtime.bigint() - start) / 1000);
    if (!ok && model.state === 'running') {
      const errors = page.questions.flatMap((q) => q.errors.map((e) => `${q.name}: ${e.getText()}`));
      return { outcome: 'invalid', pages, errors, steps };
    }
  }
  throw new Error('the survey does not end');
}
