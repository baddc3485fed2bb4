#!/usr/bin/env node
// Time to the first interactive question of the crime report, in Debian's
// chromium against the real `frontdesk serve`, under DevTools network
// throttling: "3G" (400 kbit/s down and up, 400 ms round trip) alone, then
// "3G" and DevTools' "Slow 4G" preset (1.44 Mbit/s down, 675 kbit/s up,
// 562.5 ms round trip: devtools-frontend's Slow4GConditions) each with the
// page's CPU slowed down 4× (Emulation.setCPUThrottlingRate):
//   cold    a new browser profile: nothing cached, no service worker;
//   warm    the same profile after one visit: the service worker answers;
//   offline the same, with the connection off.
// Prints the median (and min, max) of RUNS runs of each, beside the time by
// which the engine and the form's image (what leaving the first page needs:
// docs/web-client.md, "The first page before the engine") have arrived, and
// the bytes per file as served. Never run by `make test`: run it with `make bench`.
//   RUNS (default 5)  FRONTDESK_BIN, FRONTDESK_WEB, FRONTDESK_FORMS as for the browser tests
import os from 'node:os';

import { launchBrowser } from '../tests/browser/browser.mjs';
import { startServer } from '../tests/browser/server.mjs';
import { BUDGET, kb, measure } from '../tests/browser/sizes.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const THREE_G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1000 * 1000 / 8) * 0.9, uploadThroughput: (750 * 1000 / 8) * 0.9 };
const PROFILES = [
  { name: '3G', network: THREE_G, cpu: 1 },
  { name: '3G, CPU 4× slower', network: THREE_G, cpu: 4 },
  { name: 'Slow 4G, CPU 4× slower', network: SLOW_4G, cpu: 4 },
];

// Records, in the page, when the first question can be answered: a radio
// (the crime report's first page) that is in the document and enabled.
const WATCH = `(() => {
  const seen = () => {
    const radio = document.querySelector('input[type=radio]');
    if (radio && !radio.disabled && !window.__firstQuestion) window.__firstQuestion = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
})();`;

async function timeFirstQuestion(context, url, profile, { offline = false } = {}) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { ...profile.network, offline });
  // The page's own thread; the service worker (warm, offline) runs at full speed.
  if (profile.cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  await page.addInitScript(WATCH);
  await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
  await page.waitForFunction(() => window.__firstQuestion !== undefined, null, { timeout: 60_000, polling: 50 });
  const ms = await page.evaluate(() => window.__firstQuestion);
  // When the last of the engine's wasm and the form image had arrived.
  const engine = await page.waitForFunction(() => {
    const ends = performance.getEntriesByType('resource')
      .filter((entry) => /frontdesk-engine\.[0-9a-f]+\.wasm$|\/api\/forms\/crime-report$/.test(entry.name))
      .map((entry) => entry.responseEnd);
    return ends.length === 2 && ends.every((end) => end > 0) ? Math.max(...ends) : null;
  }, null, { timeout: 60_000, polling: 50 }).then((handle) => handle.jsonValue());
  await page.close();
  return { first: ms, engine };
}

async function waitForServiceWorker(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    // Installed and active means the shell, the forms and the keys are cached.
    if (!registration.active) throw new Error('no active service worker');
  });
  await page.close();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const server = await startServer();
const browser = await launchBrowser();
try {
  const url = `${server.url}/#/form/crime-report`;
  const results = new Map(PROFILES.map((profile) => [profile, { cold: [], warm: [], offline: [] }]));
  // Profile after profile within each run, so that a busy machine slows them alike.
  for (let run = 0; run < RUNS; run++) {
    for (const profile of PROFILES) {
      const r = results.get(profile);
      const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
      r.cold.push(await timeFirstQuestion(context, url, profile));
      await waitForServiceWorker(context, url);
      r.warm.push(await timeFirstQuestion(context, url, profile));
      await context.setOffline(true);
      r.offline.push(await timeFirstQuestion(context, url, profile, { offline: true }));
      await context.close();
    }
  }

  const { rows, critical, engine, offline } = await measure(server.url);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`# Time to the first question (crime report), ${new Date().toISOString().slice(0, 16)}Z; ${RUNS} runs each`);
  console.log(`machine: ${cpu}, ${os.cpus().length} cores, load average ${load}, ${os.platform()} ${os.release()}; ${(await browser.version())}\n`);
  console.log('| network, CPU | visit | first question: median | min | max | engine and image in: median |');
  console.log('|---|---|---:|---:|---:|---:|');
  const ms = (value) => `${Math.round(value)} ms`;
  for (const [profile, visits] of results) {
    for (const [name, runs] of Object.entries(visits)) {
      const first = runs.map((run) => run.first);
      console.log(`| ${profile.name} | ${name} | ${ms(median(first))} | ${ms(Math.min(...first))} | ${ms(Math.max(...first))} | ${ms(median(runs.map((run) => run.engine)))} |`);
    }
  }
  console.log('\n| file | served as | bytes | first question | to leave it |');
  console.log('|---|---|---:|:-:|:-:|');
  for (const row of rows) console.log(`| \`${row.name}\` | ${row.encoding} | ${row.bytes} (${kb(row.bytes)}) | ${row.critical ? 'yes' : ''} | ${row.critical || row.engine ? 'yes' : ''} |`);
  console.log(`\nfirst question: ${kb(critical)} of ${kb(BUDGET.critical)}; with the engine, to leave it: ${kb(engine)}; everything, offline: ${kb(offline)} of ${kb(BUDGET.offline)}`);
} finally {
  await browser.close();
  await server.stop();
}
