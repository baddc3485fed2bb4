#!/usr/bin/env node
// Time to the first interactive question of the bike theft form, in Debian's
// chromium against the real `frontdesk serve`, under DevTools "3G"
// throttling (400 kbit/s down and up, 400 ms round trip):
//   cold    a new browser profile: nothing cached, no service worker;
//   warm    the same profile after one visit: the service worker answers;
//   offline the same, with the connection off.
// Prints the median (and min, max) of RUNS runs of each, and the bytes per
// file as served. Never run by `make test`: run it with `make bench`.
//   RUNS (default 7)  FRONTDESK_BIN, FRONTDESK_WEB, FRONTDESK_FORMS as for the browser tests
import os from 'node:os';

import { launchBrowser } from '../tests/browser/browser.mjs';
import { startServer } from '../tests/browser/server.mjs';
import { BUDGET, kb, measure } from '../tests/browser/sizes.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const THREE_G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };

// Records, in the page, when the first question can be answered: a radio
// (the bike theft form's first page) that is in the document and enabled.
const WATCH = `(() => {
  const seen = () => {
    const radio = document.querySelector('input[type=radio]');
    if (radio && !radio.disabled && !window.__firstQuestion) window.__firstQuestion = performance.now();
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
})();`;

async function timeFirstQuestion(context, url, { offline = false } = {}) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', offline ? { ...THREE_G, offline: true } : THREE_G);
  await page.addInitScript(WATCH);
  await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
  await page.waitForFunction(() => window.__firstQuestion !== undefined, null, { timeout: 60_000, polling: 50 });
  const ms = await page.evaluate(() => window.__firstQuestion);
  await page.close();
  return ms;
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
  const url = `${server.url}/#/form/bike-theft`;
  const results = { cold: [], warm: [], offline: [] };
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    results.cold.push(await timeFirstQuestion(context, url));
    await waitForServiceWorker(context, url);
    results.warm.push(await timeFirstQuestion(context, url));
    await context.setOffline(true);
    results.offline.push(await timeFirstQuestion(context, url, { offline: true }));
    await context.close();
  }

  const { rows, critical, offline } = await measure(server.url);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`# Time to the first question (bike theft), 3G: 400 kbit/s, 400 ms RTT; ${RUNS} runs each`);
  console.log(`machine: ${cpu}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}; ${(await browser.version())}\n`);
  console.log('| visit | median | min | max |');
  console.log('|---|---:|---:|---:|');
  for (const [name, values] of Object.entries(results)) {
    const ms = (value) => `${Math.round(value)} ms`;
    console.log(`| ${name} | ${ms(median(values))} | ${ms(Math.min(...values))} | ${ms(Math.max(...values))} |`);
  }
  console.log('\n| file | served as | bytes | first question |');
  console.log('|---|---|---:|:-:|');
  for (const row of rows) console.log(`| \`${row.name}\` | ${row.encoding} | ${row.bytes} (${kb(row.bytes)}) | ${row.critical ? 'yes' : ''} |`);
  console.log(`\nfirst question: ${kb(critical)} of ${kb(BUDGET.critical)}; everything, offline: ${kb(offline)} of ${kb(BUDGET.offline)}`);
} finally {
  await browser.close();
  await server.stop();
}
