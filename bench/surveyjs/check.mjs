#!/usr/bin/env node
// Checks a translation (translate.mjs) against the engine: every journey that
// `frontdesk paths` finds in the form is walked in SurveyJS with the same
// answers (a repeat group's entries as the panels of its dynamic panel), and
// must show the same pages, ask for every answer the engine was given, end the
// same way (report or exit page) and route the report to the same team with
// the same urgency. Prints the differences and a count; exits 1 when there
// are any, and when there is nothing to compare (no journey, or `frontdesk
// paths` stopped early so that some journeys were never found).
//   node bench/surveyjs/check.mjs FORM.json [SURVEYJS.json]   (FRONTDESK_BIN: the CLI)
//   SAMPLE=N: walk only N journeys, evenly spread (SurveyJS takes a while per
//   journey on the crime report: all of them take minutes).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

import { newModel, walk } from './survey.mjs';
import { readTables, toSurveyJS, toSurveyValues } from './translate.mjs';

const [formPath, surveyPath] = process.argv.slice(2);
if (!formPath) {
  console.error('usage: node bench/surveyjs/check.mjs FORM.json [SURVEYJS.json]');
  process.exit(2);
}
const bin = process.env.FRONTDESK_BIN ?? 'build/native-release/cli/frontdesk';
const form = JSON.parse(fs.readFileSync(formPath, 'utf8'));
const json = surveyPath ? JSON.parse(fs.readFileSync(surveyPath, 'utf8')) : toSurveyJS(form, readTables(form, formPath));
const today = new Date().toISOString().slice(0, 10);
const found = JSON.parse(execFileSync(bin, ['paths', formPath, '--today', today], { encoding: 'utf8', maxBuffer: 1 << 28 }));
const all = found.paths;
const sample = Number(process.env.SAMPLE ?? all.length);
const journeys = all.filter((_, i) => Math.floor((i * sample) / all.length) !== Math.floor(((i - 1) * sample) / all.length));
const started = Date.now();
let differences = 0;
const outcomes = {};
for (const [i, journey] of journeys.entries()) {
  const model = newModel(json);
  const walked = walk(model, toSurveyValues(form, journey.answers));
  const expected = journey.pages;
  const problems = [];
  if (walked.outcome !== journey.outcome) problems.push(`ends ${walked.outcome} ${walked.errors ?? ''}, not ${journey.outcome}`);
  if (walked.pages.join() !== expected.join()) problems.push(`pages ${walked.pages.join(' ')}, not ${expected.join(' ')}`);
  if (walked.unasked.length) problems.push(`never asked for ${walked.unasked.join(', ')}`);
  if (journey.outcome === 'submitted') {
    for (const key of ['team', 'urgency']) {
      if (model.getVariable(key) !== journey.route?.[key]) problems.push(`${key} ${model.getVariable(key)}, not ${journey.route?.[key]}`);
    }
  }
  outcomes[journey.outcome] = (outcomes[journey.outcome] ?? 0) + 1;
  if (problems.length) {
    differences++;
    console.log(`journey ${i} (${JSON.stringify(journey.answers)}):\n  ${problems.join('\n  ')}`);
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
const ends = Object.entries(outcomes).map(([outcome, n]) => `${n} ${outcome}`).join(', ');
console.log(`${formPath}: ${journeys.length} of ${all.length} journeys walked (${ends}) in ${seconds} s: ` +
  `${journeys.length - differences} the same in SurveyJS, ${differences} differently`);
if (found.truncated) console.log(`${formPath}: frontdesk paths stopped early: not every journey was found`);
if (!journeys.length) console.log(`${formPath}: no journey to compare`);
process.exit(differences || found.truncated || !journeys.length ? 1 : 0);
