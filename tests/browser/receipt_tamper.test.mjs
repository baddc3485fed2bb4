// A receipt the browser cannot verify is never shown as a reference number:
// the signature must check with the server's receipt key, and the receipt must
// be for the envelope this browser sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { serverAndBrowser } from './helpers.mjs';

const env = serverAndBrowser();

async function reachCheckYourAnswers(page) {
  await page.goto(`${env.server.url}/#/form/bike-theft`);
  const answers = [
    () => page.getByRole('radio', { name: 'No' }).check(),
    () => page.getByLabel('Make of the bike').fill('Raleigh'),
    () => page.getByLabel('Postcode where the bike was taken').fill('SW1A 2AA'),
    () => page.getByLabel('Your full name').fill('Sam Jones'),
  ];
  for (const answer of answers) {
    await answer();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Check your answers before sending your report' }).waitFor();
}

const alterations = {
  'a changed reference': (r) => ({ ...r, reference: r.reference.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }),
  'a changed time': (r) => ({ ...r, received_at: '2020-01-01T00:00:00Z' }),
  'another envelope hash': (r) => ({ ...r, envelope_hash: '0'.repeat(64) }),
  'a forged signature': (r) => ({ ...r, signature: Buffer.alloc(64, 7).toString('base64') }),
  'no signature': ({ signature, ...rest }) => rest,
  // Verified only up to the NUL by the engine, but shown whole by a page that trusted it.
  'text hidden after a NUL': (r) => ({ ...r, reference: `${r.reference}\u0000 — call 0123 456789 to confirm` }),
};

for (const [name, alter] of Object.entries(alterations)) {
  test(`a receipt with ${name} is not shown as a reference`, { timeout: 60_000 }, async () => {
    // The service worker's Background Sync would send the report itself,
    // past page.route, and get the genuine receipt: block it here.
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    let genuine = null;
    await page.route('**/api/submissions', async (route) => {
      const response = await route.fetch();
      genuine = await response.json();
      await route.fulfill({ response, json: alter(genuine) });
    });
    await reachCheckYourAnswers(page);
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByText('We could not send your report').waitFor();
    assert.ok(genuine?.reference, 'the server did answer with a receipt');
    assert.equal(await page.getByText(genuine.reference).count(), 0, 'the reference is not shown');
    assert.equal(await page.getByText(/Your reference number/).count(), 0);
    await context.close();
  });
}
