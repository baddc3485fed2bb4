// The journeys through a form that `frontdesk paths` finds, and the browser's
// own wasm engine loaded in Node to walk them beside the page
// (every_journey.test.mjs, every_view.test.mjs).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// The same engine the page runs, here in Node.
export async function nodeEngine() {
  const web = process.env.FRONTDESK_WEB;
  const manifest = JSON.parse(readFileSync(path.join(web, 'asset-manifest.json'), 'utf8'));
  const served = (name) => path.resolve(web, manifest.files[name].served.slice(1));
  const { loadEngine } = await import(served('engine-client.js'));
  return loadEngine({ wasmBinary: readFileSync(served('frontdesk-engine.wasm')) });
}

// [{ outcome, pages, answers }] for every journey through the form.
export function allJourneys(formId) {
  const form = path.join(process.env.FRONTDESK_FORMS, `${formId}.json`);
  return JSON.parse(execFileSync(process.env.FRONTDESK_BIN, ['paths', form], { encoding: 'utf8', maxBuffer: 1 << 26 })).paths;
}
