#!/usr/bin/env node
// Walks the golden answer sets of `frontdesk fill` (DIR/CASE.answers.json with
// the engine's outcome in DIR/CASE.expected) in SurveyJS, on the translation
// of FORM: unlike `frontdesk paths` (check.mjs), these have repeat entries that
// differ, failing checks and invalid answers. Prints each case, same or
// different; exits 1 when one differs that is not a known difference of the
// translation (KNOWN, described in BENCHMARKS.md), or when no case was compared.
//   node bench/surveyjs/cases.mjs tests/golden/forms/repeats.json tests/golden/repeats
import fs from 'node:fs';
import path from 'node:path';

import { newModel, walk } from './survey.mjs';
import { readTables, toSurveyJS, toSurveyValues } from './translate.mjs';

// Cases where SurveyJS is known to differ, and why (BENCHMARKS.md's table).
const KNOWN = {
  'more-than-max': 'SurveyJS keeps panels given as data beyond maxPanelCount',
  'gap-in-entries': 'a dynamic panel has no gaps to give it',
  'invalid-too-many-suspects.pl': 'SurveyJS keeps panels given as data beyond maxPanelCount',
  'harassment-not-afraid': 'an approximate date (no day): a SurveyJS date needs a day',
};

const [formPath, dir] = process.argv.slice(2);
if (!formPath || !dir) {
  console.error('usage: node bench/surveyjs/cases.mjs FORM.json DIR');
  process.exit(2);
}
const form = JSON.parse(fs.readFileSync(formPath, 'utf8'));
const json = toSurveyJS(form, readTables(form, formPath));
let compared = 0;
let unexpected = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.answers.json')).sort()) {
  const name = file.replace('.answers.json', '');
  // Answers as `frontdesk fill` takes them: a repeat as "GROUP.N.QUESTION" or as a list of objects.
  const answers = {};
  for (const [key, value] of Object.entries(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')))) {
    if (Array.isArray(value) && value.every((entry) => entry && typeof entry === 'object')) {
      value.forEach((entry, i) => { for (const [id, text] of Object.entries(entry)) answers[`${key}.${i + 1}.${id}`] = text; });
    } else answers[key] = value;
  }
  // The .expected file is the CLI's JSON followed by its exit status.
  const text = fs.readFileSync(path.join(dir, `${name}.expected`), 'utf8');
  const expected = JSON.parse(text.slice(0, text.lastIndexOf('}') + 1));
  const engine = `${expected.outcome} ${(expected.pages ?? []).join(' ')} ${expected.route?.team ?? ''}`;
  let surveyjs;
  try {
    const model = newModel(json);
    const walked = walk(model, toSurveyValues(form, answers));
    surveyjs = `${walked.outcome} ${walked.pages.join(' ')} ${walked.outcome === 'submitted' ? model.getVariable('team') : ''}`;
  } catch (error) {
    surveyjs = `not walked: ${error.message}`;
  }
  compared++;
  const same = surveyjs === engine;
  if (!same && !KNOWN[name]) unexpected++;
  console.log(`${same ? 'same' : KNOWN[name] ? 'known difference' : 'DIFFERENT'} ${name}: engine ${engine}; SurveyJS ${surveyjs}${!same && KNOWN[name] ? ` (${KNOWN[name]})` : ''}`);
}
console.log(`${dir}: ${compared} cases, ${unexpected} differently in SurveyJS beyond the known differences`);
process.exit(unexpected || !compared ? 1 : 0);
