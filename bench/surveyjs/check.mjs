#!/usr/bin/env node
// Checks a translation (translate.mjs) against the engine: every journey that
// `frontdesk paths` finds in the form is walked in SurveyJS with the same
// answers, and must show the same pages, end the same way (report or exit
// page) and route the report to the same team. Prints the differences; exits
// 1 when there are any.
//   node bench/surveyjs/check.mjs FORM.json [SURVEYJS.json]   (FRONTDESK_BIN: the CLI)
//   SAMPLE=N: walk only N journeys, evenly spread (SurveyJS takes a while per journey).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

import { newModel, walk } from './survey.mjs';
import { readTables, toSurveyJS, toSurveyValues } from './translate.mjs';

const [formPath, surveyPath] = process.argv.slice(2);
const bin = process.env.FRONTDESK_BIN ?? 'build/native-release/cli/frontdesk';
const form = JSON.parse(fs.readFileSync(formPath, 'utf8'));
const json = surveyPath ? JSON.parse(fs.readFileSync(surveyPath, 'utf8')) : toSurveyJS(form, readTables(form, formPath));
const today = new Date().toISOString().slice(0, 10);
const all = JSON.parse(execFileSync(bin, ['paths', formPath, '--today', today], { encoding: 'utf8', maxBuffer: 1 << 28 })).paths;
const sample = Number(process.env.SAMPLE ?? all.length);
const journeys = all.filter((_, i) => Math.floor((i * sample) / all.length) !== Math.floor(((i - 1) * sample) / all.length));
let differences = 0;
for (const [i, journey] of journeys.entries()) {
  const model = newModel(json);
  const walked = walk(model, toSurveyValues(form, journey.answers));
  const expected = journey.pages;
  const problems = [];
  if (walked.outcome !== journey.outcome) problems.push(`ends ${walked.outcome} ${walked.errors ?? ''}, not ${journey.outcome}`);
  if (walked.pages.join() !== expected.join()) problems.push(`pages ${walked.pages.join(' ')}, not ${expected.join(' ')}`);
  if (journey.outcome === 'submitted' && model.getVariable('team') !== journey.route.team) {
    problems.push(`team ${model.getVariable('team')}, not ${journey.route.team}`);
  }
  if (problems.length) {
    differences++;
    console.log(`journey ${i} (${JSON.stringify(journey.answers)}):\n  ${problems.join('\n  ')}`);
  }
}
console.log(`${formPath}: ${journeys.length} of ${all.length} journeys walked, ${differences} differently in SurveyJS`);
process.exit(differences ? 1 : 0);
