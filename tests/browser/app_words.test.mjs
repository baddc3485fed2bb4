// Every word the app itself shows has its Polish in the one catalogue,
// web/lang/pl.json (docs/web-client.md, "Languages"): each string in the web
// client's scripts that reads as prose (a capital letter, then a small one)
// must be a key of it. No browser needed. The browser tests then check, page
// by page, that none of these English words shows in Polish
// (helpers.mjs, assertNoEnglishAppWords).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const WEB = new URL('../../web/', import.meta.url);

// Strings that are not the app's words: the language names, each written in
// its own language on purpose; an HTTP header; an error's name.
const NOT_WORDS = new Set(['English', 'Cymraeg', 'Gaeilge', 'Polski', 'Content-Type', 'EngineError']);

test('every app word in the web client has a Polish translation in lang/pl.json', () => {
  const polish = JSON.parse(readFileSync(new URL('lang/pl.json', WEB), 'utf8'));
  const missing = [];
  let seen = 0;
  for (const file of readdirSync(WEB).filter((name) => name.endsWith('.js'))) {
    // Comments out, so that an apostrophe in one does not start a string.
    const source = readFileSync(new URL(file, WEB), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const [, text] of source.matchAll(/'((?:[^'\\\n]|\\.)*)'/g)) {
      if (!/^[ –]*[A-Z][a-z]/.test(text) || NOT_WORDS.has(text)) continue;
      seen++;
      if (!Object.hasOwn(polish, text)) missing.push(`${file}: ${text}`);
    }
  }
  assert.ok(seen > 50, `found only ${seen} app words: the scan no longer sees them`);
  assert.deepEqual(missing, [], 'app words with no Polish in web/lang/pl.json');
  for (const [english, text] of Object.entries(polish)) {
    assert.ok(typeof text === 'string' && text.trim() !== '', `"${english}" has an empty translation`);
  }
  assert.equal(polish.$status, 'awaiting professional review', 'the Polish words are marked as awaiting review');
});
