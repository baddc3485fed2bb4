// Without a secure random source the browser must refuse to seal: a sealed
// box made with predictable randomness could be opened by others. Nothing is
// sent, and the person is told in plain words.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { serverAndBrowser } from './helpers.mjs';

const env = serverAndBrowser();

async function answerAndContinue(page, fill) {
  await fill();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('with no secure random source the report is not sealed and nothing is sent', { timeout: 60_000 }, async () => {
  const context = await env.browser.newContext();
  // Every call for random bytes fails, as in a browser without Web Crypto.
  await context.addInitScript(() => {
    Object.defineProperty(Crypto.prototype, 'getRandomValues', {
      value() { throw new Error('no secure random source'); },
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const posts = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });

  await page.goto(`${env.server.url}/#/form/bike-theft`);
  await answerAndContinue(page, () => page.getByRole('radio', { name: 'No' }).check());
  await answerAndContinue(page, () => page.getByLabel('Make of the bike').fill('Raleigh'));
  await answerAndContinue(page, () => page.getByLabel('Postcode where the bike was taken').fill('SW1A 2AA'));
  await answerAndContinue(page, () => page.getByLabel('Your full name').fill('Sam Jones'));
  await page.getByRole('heading', { level: 1, name: 'Check your answers before sending your report' }).waitFor();

  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByText('We could not send your report').waitFor();
  assert.deepEqual(posts, [], 'nothing was posted');
  assert.equal(await page.getByText(/Your reference number/).count(), 0);

  // And the refusal is the engine's own, not an accident: drive a second
  // engine to check your answers and ask it to seal.
  const refusal = await page.evaluate(async () => {
    // File names carry content hashes: the build's manifest names them.
    const manifest = await (await fetch('/asset-manifest.json')).json();
    const { loadCrypto, loadEngine } = await import(manifest.files['engine-client.js'].served);
    const engine = await loadEngine();
    const image = new Uint8Array(await (await fetch('/api/forms/bike-theft')).arrayBuffer());
    engine.loadForm(image);
    const answers = { in_danger: 'no', make: 'Raleigh', postcode: 'SW1A 2AA', name: 'Sam Jones' };
    for (let step = 0; step < 10 && engine.view().state === 'question'; step += 1) {
      for (const q of engine.view().page.questions) engine.setAnswer(q.id, answers[q.id] ?? '');
      engine.next();
    }
    const keys = await (await fetch('/api/keys')).json();
    try {
      engine.seal(await loadCrypto(), {
        publicKey: keys.sealing.public_key, keyId: keys.sealing.key_id, language: 'en', formId: 'bike-theft',
      });
      return 'sealed';
    } catch (error) {
      return String(error.message);
    }
  });
  assert.match(refusal, /no secure random number source/);
  await context.close();
});

test('with the browser\'s random source, every seal and every submission id is fresh', { timeout: 60_000 }, async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}/`);
  const made = await page.evaluate(async () => {
    const manifest = await (await fetch('/asset-manifest.json')).json();
    const { loadCrypto } = await import(manifest.files['engine-client.js'].served);
    const crypto = await loadCrypto();
    const keys = await (await fetch('/api/keys')).json();
    const report = JSON.stringify({ answers: { note: 'the same report twice' } });
    const seal = () => JSON.parse(crypto.seal(report, 'bike-theft', keys.sealing.public_key, keys.sealing.key_id)).sealed;
    return { ids: [crypto.randomSubmissionId(), crypto.randomSubmissionId()], sealed: [seal(), seal()] };
  });
  // The random bytes reach libsodium (wasm/random_source.cpp): ids differ and
  // are not zeros, and the same report sealed twice gives two ciphertexts
  // (a fresh ephemeral key each time).
  for (const id of made.ids) assert.match(id, /^[0-9a-f]{32}$/);
  assert.notEqual(made.ids[0], made.ids[1]);
  assert.ok(made.ids.every((id) => !/^0+$/.test(id)));
  assert.notEqual(made.sealed[0], made.sealed[1]);
  const ephemeral = (sealed) => Buffer.from(sealed, 'base64').subarray(0, 32);
  assert.ok(!ephemeral(made.sealed[0]).equals(ephemeral(made.sealed[1])), 'each seal has its own ephemeral key');
  assert.ok(!ephemeral(made.sealed[0]).equals(Buffer.alloc(32)), 'the ephemeral key is not zeros');
  await context.close();
});
