// Repeat groups, the GOV.UK "add another" pattern, keyboard only against the
// real server and wasm engine: two stolen items are added, one changed and
// one removed (announced, no confirmation), then the report is sent and its
// receipt shown. Every page passes axe.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchBrowser } from './browser.mjs';
import { CHECK, REFERENCE, assertFocused, checkPage, openPage, sendByKeyboard, tabTo } from './helpers.mjs';
import { startServer } from './server.mjs';

const SUMMARY = 'Things you have told us about';
let server;
let browser;
let formsDir;

before(async () => {
  formsDir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-repeat-forms-'));
  await copyFile(new URL('../golden/forms/repeats.json', import.meta.url), path.join(formsDir, 'repeats.json'));
  server = await startServer({ forms: formsDir });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (formsDir) await rm(formsDir, { recursive: true, force: true });
});

async function heading(page, name) {
  const h1 = page.getByRole('heading', { level: 1, name });
  await h1.waitFor();
  return h1;
}

async function typeInto(page, label, text, { clear = false } = {}) {
  const field = page.getByLabel(label, { exact: true });
  await tabTo(page, field, `"${label}"`, 30);
  if (clear) await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

// Tab reaches a radio group once; the arrow keys choose within it.
async function choose(page, name) {
  const radio = page.getByRole('radio', { name, exact: true });
  const group = await radio.getAttribute('name');
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((n) => document.activeElement?.name === n, group)) break;
  }
  await page.keyboard.press('Space');
  for (let i = 0; i < 5 && !(await radio.isChecked()); i++) await page.keyboard.press('ArrowDown');
  assert.ok(await radio.isChecked(), `"${name}" is chosen`);
}

async function press(page, role, name) {
  await tabTo(page, page.getByRole(role, { name, exact: true }), `the ${role} "${name}"`, 40);
  await page.keyboard.press('Enter');
}

test('add two items, change one, remove one, send, and get a receipt: keyboard only', { timeout: 120_000 }, async () => {
  const page = await openPage(browser);
  await page.goto(`${server.url}/#/form/repeats`);
  await heading(page, 'Postcode');
  await typeInto(page, 'Postcode', 'SW1A 1AA');
  await press(page, 'button', 'Continue');

  // Entry 1: the caption says which entry it is.
  await heading(page, 'What was stolen?');
  assert.equal(await page.locator('.fd-caption-l').textContent(), 'Item 1');
  await checkPage(page, 'item 1');
  await typeInto(page, 'What was it?', 'Bag');
  await choose(page, 'Something else');
  await press(page, 'button', 'Continue');

  // The summary: the entry, and "add another?" unanswered is an error in the summary.
  await assertFocused(await heading(page, SUMMARY), 'the summary heading');
  await checkPage(page, 'summary with one item');
  await press(page, 'button', 'Continue');
  const problem = page.getByRole('alert');
  await problem.waitFor();
  assert.match(await problem.textContent(), /Select yes if you want to add another item/);
  await checkPage(page, 'summary with an error');
  await choose(page, 'Yes');
  await press(page, 'button', 'Continue');

  await heading(page, 'What was stolen?');
  assert.equal(await page.locator('.fd-caption-l').textContent(), 'Item 2');
  await typeInto(page, 'What was it?', 'Phone');
  await choose(page, 'A phone');
  await typeInto(page, 'Serial number', 'IMEI1234');  // shown only for a phone or a bike
  await press(page, 'button', 'Continue');

  // Change the first: its link names the entry for screen readers.
  await heading(page, SUMMARY);
  assert.deepEqual(await page.locator('.fd-summary-list__key').allTextContents(), ['Bag', 'Phone']);
  await press(page, 'link', 'Change Item 1 (Bag)');
  await heading(page, 'What was stolen?');
  assert.equal(await page.getByLabel('What was it?', { exact: true }).inputValue(), 'Bag');
  await typeInto(page, 'What was it?', 'Rucksack', { clear: true });
  await press(page, 'button', 'Continue');

  // Remove the second: no confirmation, but it is announced.
  await heading(page, SUMMARY);
  await press(page, 'link', 'Remove Item 2 (Phone)');
  await page.getByRole('status').filter({ hasText: 'You removed Phone.' }).waitFor();
  assert.deepEqual(await page.locator('.fd-summary-list__key').allTextContents(), ['Rucksack']);
  await checkPage(page, 'summary after a removal');
  await choose(page, 'No');
  await press(page, 'button', 'Continue');

  // No phone any more, so no phone page: straight on to the contact page.
  await heading(page, 'Email address');
  await typeInto(page, 'Email address', 'sam@example.com');
  await press(page, 'button', 'Continue');

  await heading(page, CHECK);
  await checkPage(page, 'check your answers with a repeat');
  const keys = await page.locator('.fd-summary-list__key').allTextContents();
  assert.ok(keys.includes('Item 1: What was it?'), keys.join(' | '));
  const text = await page.getByRole('main').innerText();
  assert.match(text, /Rucksack/);
  assert.doesNotMatch(text, /Phone|IMEI1234/, 'the removed entry is gone');

  await sendByKeyboard(page);
  await page.getByRole('heading', { level: 1, name: 'Report sent' }).waitFor({ timeout: 30_000 });
  assert.match(await page.locator('.fd-panel__reference').textContent(), REFERENCE);
  assert.deepEqual(page.problems, []);
});
