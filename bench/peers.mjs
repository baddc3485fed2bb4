#!/usr/bin/env node
// The forms engine beside SurveyJS, on the same forms, in the same run
// (issue 9; results in BENCHMARKS.md, "The forms engine beside SurveyJS"):
//   frontdesk native   build/native-release/bench/engine_bench (C++, -O3)
//   frontdesk wasm     the browser's engine (build/web: engine-client.js and
//                      frontdesk-engine.wasm, as served) driven in Node
//                      through its exports, as web/app.js drives it
//   SurveyJS           survey-core's Model in Node, on the translation of the
//                      same form (bench/surveyjs/translate.mjs)
// on generated forms of 100, 1,000 and 5,000 questions with as many
// conditions (bench/generated_form.hpp) and on a real form walked along its
// longest journey (`frontdesk paths`). The three are measured in turn, round
// after round, so that a busy machine slows all of them alike; each figure is
// the median of the rounds' medians. Never run by `make test`.
//   ROUNDS (default 3)  PAGES (default "10,100,500": 10 questions a page)
//   FORM (default forms/crime-report.json: its repeat groups are SurveyJS
//   dynamic panels; a form that cannot be translated stops the run)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SURVEYJS_VERSION, newModel, walk } from './surveyjs/survey.mjs';
import { readTables, toSurveyJS, toSurveyValues } from './surveyjs/translate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PAGES = (process.env.PAGES ?? '10,100,500').split(',').map(Number);
const FORM = process.env.FORM ?? 'forms/crime-report.json';
const NATIVE_BENCH = 'build/native-release/bench/engine_bench';
const FRONTDESK = process.env.FRONTDESK_BIN ?? 'build/native-release/cli/frontdesk';
const WEB = process.env.FRONTDESK_WEB ?? 'build/web';
const OUT = 'build/bench';
// The day the native benchmark takes as today (engine_bench.cpp), for all three.
const TODAY = new Date(2026, 10, 28);
const TODAY_ISO = '2026-11-28';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const now = () => process.hrtime.bigint();
const micros = (start) => Number(process.hrtime.bigint() - start) / 1000;
function timeRuns(runs, f, before = () => {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    before();
    const start = now();
    f();
    samples.push(micros(start));
  }
  return median(samples);
}
// Fewer runs for bigger forms: a round of 5,000 questions stays within seconds.
const runsFor = (questions, base) => Math.max(3, Math.round((base * 1000) / Math.max(questions, 1000)));

// ------------------------------------------------------------- the forms ---

fs.mkdirSync(OUT, { recursive: true });
const runNative = (args) => JSON.parse(execFileSync(NATIVE_BENCH, [...args, '--json'], { encoding: 'utf8' }));

const forms = [];
for (const pages of PAGES) {
  const prefix = `${OUT}/generated-${pages}`;
  runNative(['--pages', String(pages), '--emit', prefix]);
  forms.push({ name: `generated, ${pages * 10} questions`, args: ['--pages', String(pages)], prefix });
}
// The real form along its longest journey that ends in a report (the most
// pages, then the most answers: a repeat group's most entries).
function realForm(formPath) {
  const form = JSON.parse(fs.readFileSync(formPath, 'utf8'));
  toSurveyJS(form, readTables(form, formPath));
  const journeys = JSON.parse(execFileSync(FRONTDESK, ['paths', formPath, '--today', TODAY_ISO], { encoding: 'utf8', maxBuffer: 1 << 28 })).paths;
  const longest = journeys.filter((j) => j.outcome === 'submitted')
    .sort((a, b) => b.pages.length - a.pages.length || Object.keys(b.answers).length - Object.keys(a.answers).length)[0];
  const id = path.basename(formPath, '.json');
  const prefix = `${OUT}/${id}`;
  fs.writeFileSync(`${prefix}.journey.answers.json`, JSON.stringify(longest.answers));
  const args = ['--form', formPath, '--answers', `${prefix}.journey.answers.json`];
  runNative([...args, '--emit', prefix]);
  // Entries per repeat group on the journey (answers "GROUP.N.QUESTION").
  const entries = new Map();
  for (const key of Object.keys(longest.answers)) {
    const m = /^([^.]+)\.([0-9]+)\./.exec(key);
    if (m) entries.set(m[1], Math.max(entries.get(m[1]) ?? 0, Number(m[2])));
  }
  const repeats = entries.size ? `, ${entries.size} repeat groups with ${[...entries.values()].join(', ')} entries` : '';
  return { name: `${id} (${longest.pages.length} pages walked${repeats})`, args, prefix, real: formPath };
}
forms.push(realForm(FORM));
for (const f of forms) {
  f.source = fs.readFileSync(`${f.prefix}.json`, 'utf8');
  f.form = JSON.parse(f.source);
  f.image = new Uint8Array(fs.readFileSync(`${f.prefix}.image`));
  f.answers = JSON.parse(fs.readFileSync(`${f.prefix}.answers.json`, 'utf8'));
  f.surveyText = JSON.stringify(toSurveyJS(f.form, f.real ? readTables(f.form, f.real) : {}));
  // A lower bound for the generated forms: the same pages, questions,
  // validators and show_ifs, without the routes (every page shown) and so
  // without the calculated values that say which pages are on the journey.
  fs.writeFileSync(`${f.prefix}.surveyjs.json`, f.surveyText);
  if (!f.real) f.plainText = JSON.stringify(toSurveyJS(f.form, {}, { routes: false }));
  f.values = toSurveyValues(f.form, f.answers);
  f.questions = f.form.pages.reduce((n, p) => n + (p.questions?.length ?? 0), 0);
}

// ------------------------------------------------- frontdesk in wasm (Node) ---

const manifest = JSON.parse(fs.readFileSync(`${WEB}/asset-manifest.json`, 'utf8'));
const client = await import(path.resolve(`${WEB}${manifest.files['engine-client.js'].served}`));
const engine = await client.loadEngine({ wasmBinary: fs.readFileSync(`${WEB}${manifest.files['frontdesk-engine.wasm'].served}`) });

function loadWasm(f) {
  engine.loadForm(f.image);
  engine.setToday(TODAY);
}

// Walks the form as web/app.js does: the page's other answers first, then the
// timed last answer and Next, then the view for the next page (timed apart).
// A repeat page is a step per entry (its answers "GROUP.N.QUESTION") and a
// step per summary ("add another?" and Next), as in engine_bench.cpp.
function walkWasm(f) {
  loadWasm(f);
  const steps = [];
  const views = [];
  let view = engine.view();
  let start;
  while (view.state === 'question' || view.state === 'summary') {
    if (view.state === 'summary') {
      const { group, entries, add_another: addAnother } = view.summary;
      const more = Object.keys(f.answers).some((key) => key.startsWith(`${group}.${entries.length + 1}.`));
      start = now();
      // At the repeat's max the question is not asked: continue goes on.
      if (addAnother) engine.setAnswer(group, more ? 'yes' : 'no');
      engine.next();
    } else {
      const repeat = view.page.repeat;
      const key = (id) => (repeat ? `${repeat.group}.${repeat.entry}.${id}` : id);
      const ids = view.page.questions.map((q) => q.id).filter((id) => f.answers[key(id)] !== undefined);
      for (const id of ids.slice(1)) engine.setAnswer(id, f.answers[key(id)]);
      start = now();
      if (ids.length) engine.setAnswer(ids[0], f.answers[key(ids[0])]);
      engine.next();
    }
    steps.push(micros(start));
    start = now();
    const next = engine.view();
    views.push(micros(start));
    if (next.errors?.length) throw new Error(`wasm: ${next.errors[0].question}: ${next.errors[0].message}`);
    view = next;
  }
  if (view.state !== 'check') throw new Error(`wasm: the journey ends in ${view.state}`);
  return { steps, views };
}

function measureWasm(f) {
  const load = timeRuns(runsFor(f.questions, 21), () => loadWasm(f));
  const steps = [];
  const views = [];
  let walkedSteps;
  for (let round = 0; round < runsFor(f.questions, 5); round++) {
    const walked = walkWasm(f);
    steps.push(...walked.steps);
    views.push(...walked.views);
    walkedSteps = walked.steps.length;
  }
  // Full validation: restoring the draft at check your answers walks and
  // re-validates every page (what the browser does on a reload).
  const draft = engine.saveDraft();
  const validate = timeRuns(runsFor(f.questions, 11), () => {
    engine.restoreDraft(draft);
  }, () => loadWasm(f));
  if (engine.view().state !== 'check') throw new Error('wasm: the draft does not restore to check your answers');
  return { load, step: median(steps), view: median(views), validate, steps: walkedSteps };
}

// ----------------------------------------------------------- SurveyJS ---

// SurveyJS is slow enough on big forms (seconds to load 5,000 questions)
// that it gets fewer runs: 5 up to a few hundred questions, 1 at 5,000.
const surveyRuns = (questions) => Math.max(1, Math.min(5, Math.round(3000 / questions)));

function measureSurveyJS(f, text) {
  const runs = surveyRuns(f.questions);
  let model;
  const load = timeRuns(runs, () => { model = newModel(JSON.parse(text)); });
  const steps = [];
  let pages;
  if (model.visiblePages.length <= 30) {
    // Walk the whole journey, as a person would.
    for (let round = 0; round < runs; round++) {
      model = newModel(JSON.parse(text));
      const walked = walk(model, f.values, { timed: true });
      if (walked.outcome !== 'submitted') throw new Error(`SurveyJS: ${walked.outcome} ${walked.errors ?? ''}`);
      if (walked.unasked.length) throw new Error(`SurveyJS never asked for ${walked.unasked.join(', ')}`);
      steps.push(...walked.steps);
      pages = walked.pages.length;
    }
  } else {
    // A big form: 10 pages spread over it, each with the answers of the
    // pages before it given, then its other answers, then the timed last
    // answer and Next.
    const visible = model.visiblePages;
    for (let i = 0; i < 10; i++) {
      const k = Math.floor(((i + 0.5) * (visible.length - 1)) / 10);
      const data = {};
      for (const page of visible.slice(0, k)) for (const q of page.questions) if (f.values[q.name] !== undefined) data[q.name] = f.values[q.name];
      const names = visible[k].questions.map((q) => q.name).filter((name) => f.values[name] !== undefined);
      for (const name of names.slice(1)) data[name] = f.values[name];
      model.data = data;
      model.currentPage = visible[k];
      const start = now();
      model.setValue(names[0], f.values[names[0]]);
      const ok = model.nextPage();
      steps.push(micros(start));
      if (!ok) throw new Error(`SurveyJS: page ${visible[k].name} does not validate`);
    }
  }
  // Full validation: all the answers at once, then every page validated.
  let valid = false;
  const validate = timeRuns(runs, () => {
    model.data = f.values;
    valid = model.validate(false, false);
  }, () => model.clear(true, true));
  if (!valid) throw new Error('SurveyJS: the answers do not validate');
  return { load, step: median(steps), validate, pages };
}

// ------------------------------------------------------------------ run ---

const results = new Map(forms.map((f) => [f, { native: [], wasm: [], surveyjs: [], plain: [] }]));
const started = Date.now();
// Warm up, untimed: both JavaScript engines' JIT and the wasm tiers, on the smallest form.
measureWasm(forms[0]);
measureSurveyJS(forms[0], forms[0].surveyText);
for (let round = 0; round < ROUNDS; round++) {
  for (const f of forms) {
    const r = results.get(f);
    const native = runNative(f.args);
    r.native.push(native.median_us);
    r.nativeInfo = native;
    const w = measureWasm(f);
    r.wasm.push(w);
    const s = measureSurveyJS(f, f.surveyText);
    r.surveyjs.push(s);
    // The three walked the same journey, or the comparison is void.
    if (w.steps !== native.steps) throw new Error(`${f.name}: wasm walked ${w.steps} steps, native ${native.steps}`);
    if (s.pages !== undefined && s.pages !== native.visited) throw new Error(`${f.name}: SurveyJS walked ${s.pages} pages, the engine ${native.visited}`);
    if (f.plainText) r.plain.push(measureSurveyJS(f, f.plainText));
  }
}

const pick = (rounds, key) => median(rounds.map((r) => r[key]));
const fmt = (us) => (us >= 10_000 ? `${(us / 1000).toFixed(0)} ms` : us >= 1000 ? `${(us / 1000).toFixed(1)} ms` : us >= 10 ? `${us.toFixed(0)} µs` : `${us.toFixed(1)} µs`);
const ratio = (slow, fast) => `${(slow / fast).toFixed(slow / fast >= 10 ? 0 : 1)}×`;
const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`# The forms engine beside SurveyJS ${SURVEYJS_VERSION}, ${new Date().toISOString().slice(0, 16)}Z`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, load average ${load}; Node ${process.version}; ${ROUNDS} rounds, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
console.log('| form | operation | frontdesk native | frontdesk wasm (Node) | SurveyJS (Node) | SurveyJS ÷ native | SurveyJS ÷ wasm | SurveyJS without routes (lower bound) |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const f of forms) {
  const r = results.get(f);
  const info = r.nativeInfo;
  const name = `${f.name}: ${info.questions} questions, ${info.conditions} conditions`;
  const plain = (key) => (r.plain.length ? fmt(pick(r.plain, key)) : '');
  const rows = [
    ['load (native: JSON parse + check + compile; wasm: form image; SurveyJS: JSON.parse + new Model)', 'load'],
    ['one answer + next page (validate the page, route)', 'step'],
    ['full validation (native: replay; wasm: restore a draft; SurveyJS: data + validate)', 'validate'],
  ];
  for (const [what, key] of rows) {
    const [n, w, s] = [pick(r.native, key), pick(r.wasm, key), pick(r.surveyjs, key)];
    console.log(`| ${name} | ${what} | ${fmt(n)} | ${fmt(w)} | ${fmt(s)} | ${ratio(s, n)} | ${ratio(s, w)} | ${plain(key)} |`);
  }
  console.log(`| ${name} | the next page's view (wasm: fd_view_json + JSON.parse) | | ${fmt(pick(r.wasm, 'view'))} | | | | |`);
}
