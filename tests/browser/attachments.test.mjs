// A photo sent with a report, from the browser to the team: the crime
// report's damage page, keyboard only, at 320 px. A file of the wrong type
// and one too big get the engine's errors; a good one is hashed by the
// crypto module, named on check your answers, sealed into the envelope, and
// opened by the team (`frontdesk inbox`) to the very bytes chosen. Its bytes
// are never stored on the device; after a reload the person is asked to
// choose the file again. axe on every page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import {
  CHECK, REFERENCE, assertFocused, checkPage, chooseRadio, continueByKeyboard, dumpStorage, finishCrimeReport, onPage, openPage,
  serverAndBrowser, tabTo, typeInto,
} from './helpers.mjs';

const shared = serverAndBrowser();
const PHOTO_LABEL = 'A photo of the damage (optional)';
const TEAM = 'criminal-damage-team';
// Bytes that say where they came from, so a copy in clear would be found.
const MARKER = 'FRONTDESK-PHOTO-BYTES-IN-CLEAR';
// What is typed on the way, which must never be stored in clear either.
const TYPED_HERE = ['Someone scratched a line down my car', 'Amira Hassan-Testperson', 'amira@example.com', 'Outside my house'];
const photo = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from(MARKER), Buffer.alloc(300_000, 7)]);

// Tab to the file input and open the file picker with the keyboard (Space),
// choosing `file` in it.
async function chooseFile(page, file) {
  const input = page.getByLabel(PHOTO_LABEL, { exact: true });
  await tabTo(page, input, 'the file input', 20);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(file);
}

async function errorLinked(page, message) {
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  await assertFocused(summary, 'the error summary');
  await checkPage(page, message);
  await summary.getByRole('link', { name: message }).press('Enter');
  await assertFocused(page.getByLabel(PHOTO_LABEL, { exact: true }), 'the file input');
}

test('a photo chosen by keyboard reaches the team as the same bytes, and is never stored on the device', { timeout: 300_000 }, async () => {
  const page = await openPage(shared.browser, { viewport: { width: 320, height: 640 } });
  await page.goto(`${shared.server.url}/#/form/crime-report`);

  await onPage(page, 'Is anyone in danger, or is the crime happening now?', { focused: false });
  await chooseRadio(page, 'Is anyone in danger, or is the crime happening now?', 'No');
  await continueByKeyboard(page);
  await onPage(page, 'Where did it happen?');
  await chooseRadio(page, 'Where did it happen?', 'In London');
  await continueByKeyboard(page);
  await onPage(page, 'What happened?');
  await chooseRadio(page, 'What happened?', 'Something was damaged on purpose');
  await continueByKeyboard(page);

  await onPage(page, 'About the damage');
  const input = page.getByLabel(PHOTO_LABEL, { exact: true });
  assert.equal(await input.getAttribute('type'), 'file');
  assert.equal(await input.getAttribute('accept'), '.jpg,.jpeg,.png,.heic');
  await chooseRadio(page, 'What was damaged?', 'A car, van or motorbike');
  await typeInto(page, 'Tell us about the damage', 'Someone scratched a line down my car');

  // The wrong type, then too big: the engine's errors, linked to the input.
  await chooseFile(page, { name: 'damage.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a not really') });
  await continueByKeyboard(page);
  await errorLinked(page, 'The selected file must be a JPG, JPEG, PNG or HEIC');
  await chooseFile(page, { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(8 * 1024 * 1024, 1) });
  await continueByKeyboard(page);
  await errorLinked(page, 'The selected file must be smaller than 8MB');

  await chooseFile(page, { name: 'car.png', mimeType: 'image/png', buffer: photo });
  await continueByKeyboard(page);

  await onPage(page, 'When did it happen?');
  const when = page.getByRole('group', { name: 'When did it happen?', exact: true });
  await tabTo(page, when.getByLabel('Day', { exact: true }), 'Day');
  await page.keyboard.type('26');
  await tabTo(page, when.getByLabel('Month', { exact: true }), 'Month');
  await page.keyboard.type('11');
  await tabTo(page, when.getByLabel('Year', { exact: true }), 'Year');
  await page.keyboard.type('2026');
  await continueByKeyboard(page);
  await onPage(page, 'Do you know who did it, or can you describe them?');
  await chooseRadio(page, 'Do you know who did it, or can you describe them?', 'No');
  await continueByKeyboard(page);
  await finishCrimeReport(page, {
    postcode: 'KT1 1AA', place: 'Outside my house', name: 'Amira Hassan-Testperson', email: 'amira@example.com', victimSupport: 'No',
  });

  // Check your answers names the file, with a change link for it.
  await onPage(page, CHECK);
  const row = page.getByRole('main').locator('dl > div').filter({ hasText: PHOTO_LABEL });
  assert.equal((await row.locator('dd').first().textContent()).trim(), 'car.png');
  assert.equal(await row.getByRole('link', { name: `Change ${PHOTO_LABEL}` }).count(), 1);

  // The draft keeps the answer, never the bytes: after a reload, sending
  // asks for the file again.
  const stored = await dumpStorage(page);
  for (const place of [...stored.indexedDB, stored.localStorage, stored.sessionStorage]) {
    assert.ok(!place.includes(MARKER), `the photo's bytes are stored in clear: ${place.slice(0, 80)}`);
    for (const typed of TYPED_HERE) assert.ok(!place.includes(typed), `"${typed}" is stored in clear: ${place.slice(0, 80)}`);
  }
  await page.reload();
  await onPage(page, CHECK, { focused: false });
  await tabTo(page, page.getByRole('button', { name: 'Send report' }), 'Send report', 60);
  await page.keyboard.press('Enter');
  // Its question, with an error that says to choose it again, linked to the input.
  await onPage(page, 'About the damage', { focused: false });
  await errorLinked(page, 'Choose the file again to send it with your report');
  await page.getByText('You chose car.png before, but files are not saved on this device.', { exact: false }).waitFor();
  await chooseFile(page, { name: 'car.png', mimeType: 'image/png', buffer: photo });
  await continueByKeyboard(page);

  await onPage(page, CHECK);
  await tabTo(page, page.getByRole('button', { name: 'Send report' }), 'Send report', 60);
  await page.keyboard.press('Enter');
  await onPage(page, 'Report sent');
  await page.getByText(REFERENCE).waitFor();

  // Nothing the browser keeps holds the photo in clear (the outbox held only the sealed envelope).
  const after = await dumpStorage(page);
  for (const place of [...after.indexedDB, after.localStorage, after.sessionStorage, ...after.caches]) {
    assert.ok(!place.includes(MARKER), `the photo's bytes are stored in clear: ${place.slice(0, 80)}`);
    // Nor anything typed on the way.
    for (const typed of TYPED_HERE) assert.ok(!place.includes(typed), `"${typed}" is stored in clear: ${place.slice(0, 80)}`);
  }

  // The team opens the report and its attachment: the same bytes.
  const out = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-attachments-'));
  try {
    const { dataDir } = shared.server;
    const lines = execFileSync(process.env.FRONTDESK_BIN, ['inbox', '--team', TEAM, '--data', dataDir,
      '--key', path.join(dataDir, 'team-keys', `${TEAM}.secret`), '--attachments-dir', out], { encoding: 'utf8' })
      .trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines.length, 1, 'one report for the team');
    const [{ report, attachments }] = lines;
    assert.equal(attachments.length, 1);
    assert.equal(report.answers.damage_photo, `${attachments[0].hash}\n${photo.length}\ncar.png`);
    assert.deepEqual(readdirSync(out), [attachments[0].hash]);
    assert.ok(readFileSync(path.join(out, attachments[0].hash)).equals(photo), 'the team gets the very bytes chosen');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  await page.context().close();
});
