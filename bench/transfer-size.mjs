#!/usr/bin/env node
// Transfer size beside the peers (issue 9; BENCHMARKS.md "Transfer size"):
// every file the web client needs, as `frontdesk serve` sends it, compressed
// here with the same two compressors as the peers' files (Node's zlib:
// brotli quality 11, gzip level 9), beside SurveyJS core + UI, libsodium.js
// and GOV.UK Frontend from their npm packages (pinned in package-lock.json).
// Never run by `make test` (the size budget is a test of its own:
// tests/browser/budget.test.mjs).
//   FRONTDESK_BIN, FRONTDESK_WEB, FRONTDESK_FORMS as for the browser tests
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { startServer } from '../tests/browser/server.mjs';
import { CRITICAL, ENGINE, kb } from '../tests/browser/sizes.mjs';

const FORM = 'crime-report';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const brotli = (bytes) => zlib.brotliCompressSync(bytes, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
}).length;
const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
const sizes = (bytes) => ({ raw: bytes.length, br: brotli(bytes), gz: gzip(bytes) });

// The body exactly as the server sends it uncompressed.
function getIdentity(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': 'identity' } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks))
        : reject(new Error(`${url}: HTTP ${response.statusCode}`))));
      response.on('error', reject);
    }).on('error', reject);
  });
}

// A package's file, and its version from its package.json.
function packageFile(name, file) {
  const dir = path.join(ROOT, 'node_modules', name);
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return { name: `${name}@${version}/${file}`, bytes: fs.readFileSync(path.join(dir, file)) };
}

const PEERS = [
  { name: 'SurveyJS core + UI (survey-core, survey-js-ui: JS, default theme CSS)', files: [
    ['survey-core', 'survey.core.min.js'], ['survey-js-ui', 'survey-js-ui.min.js'], ['survey-core', 'survey-core.min.css']] },
  { name: 'SurveyJS core alone (survey.core.min.js)', files: [['survey-core', 'survey.core.min.js']] },
  { name: 'libsodium.js (libsodium-wrappers + libsodium, ES modules, wasm inside)', files: [
    ['libsodium-wrappers', 'dist/modules-esm/libsodium-wrappers.mjs'], ['libsodium', 'dist/modules-esm/libsodium.mjs']] },
  { name: 'GOV.UK Frontend (min JS + CSS)', files: [
    ['govuk-frontend', 'dist/govuk/govuk-frontend.min.js'], ['govuk-frontend', 'dist/govuk/govuk-frontend.min.css']] },
];

const server = await startServer();
const rows = [];
try {
  const manifest = JSON.parse(await getIdentity(`${server.url}/asset-manifest.json`));
  for (const [name, file] of Object.entries(manifest.files)) {
    rows.push({ name, ...sizes(await getIdentity(`${server.url}${file.served}`)), critical: CRITICAL.includes(name), engine: ENGINE.includes(name) });
  }
  const formIds = JSON.parse(await getIdentity(`${server.url}/api/forms`)).map((f) => f.id);
  // The server compresses its API answers itself (brotli, or none): compressed here like the rest.
  for (const api of ['/api/forms', '/api/keys', ...formIds.map((id) => `/api/forms/${id}`)]) {
    rows.push({ name: api, ...sizes(await getIdentity(`${server.url}${api}`)), critical: false, engine: api === `/api/forms/${FORM}` });
  }
  // The first page as the engine draws it: on the first question's path, not needed offline.
  const start = `/api/forms/${FORM}/start`;
  rows.push({ name: start, ...sizes(await getIdentity(`${server.url}${start}`)), critical: true, engine: false, online: true });
} finally {
  await server.stop();
}

const total = (list) => list.reduce((t, r) => ({ raw: t.raw + r.raw, br: t.br + r.br, gz: t.gz + r.gz }), { raw: 0, br: 0, gz: 0 });
const critical = total(rows.filter((r) => r.critical));
const withEngine = total(rows.filter((r) => r.critical || r.engine));
const offline = total(rows.filter((r) => !r.online));
const n = (bytes) => bytes.toLocaleString('en-GB');

console.log(`# Transfer size, ${new Date().toISOString().slice(0, 16)}Z: brotli (quality 11) and gzip (level 9) by Node ${process.version}'s zlib, the same for every file\n`);
console.log('| frontdesk file | raw | brotli | gzip | first question | to leave it |');
console.log('|---|---:|---:|---:|:-:|:-:|');
for (const r of rows) console.log(`| \`${r.name}\` | ${n(r.raw)} | ${n(r.br)} | ${n(r.gz)} | ${r.critical ? 'yes' : ''} | ${r.critical || r.engine ? 'yes' : ''} |`);
console.log(`| **first question** (crime report) | ${n(critical.raw)} | **${n(critical.br)}** | **${n(critical.gz)}** | | |`);
console.log(`| **with the engine, to leave it** | ${n(withEngine.raw)} | **${n(withEngine.br)}** | **${n(withEngine.gz)}** | | |`);
console.log(`| **everything, offline** (every form) | ${n(offline.raw)} | **${n(offline.br)}** | **${n(offline.gz)}** | | |`);

console.log('\n| peer (npm package, files) | raw | brotli | gzip | brotli ÷ frontdesk offline kit | brotli ÷ frontdesk first question |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const peer of PEERS) {
  const files = peer.files.map(([pkg, file]) => packageFile(pkg, file));
  const t = total(files.map((f) => sizes(f.bytes)));
  console.log(`| ${peer.name}: ${files.map((f) => `\`${f.name}\``).join(', ')} | ${n(t.raw)} | ${n(t.br)} (${kb(t.br)}) | ${n(t.gz)} (${kb(t.gz)}) | ${(t.br / offline.br).toFixed(1)}× | ${(t.br / critical.br).toFixed(1)}× |`);
}
console.log(`| **frontdesk**, everything offline | ${n(offline.raw)} | ${n(offline.br)} (${kb(offline.br)}) | ${n(offline.gz)} (${kb(offline.gz)}) | 1.0× | |`);
console.log(`| **frontdesk**, first question | ${n(critical.raw)} | ${n(critical.br)} (${kb(critical.br)}) | ${n(critical.gz)} (${kb(critical.gz)}) | | 1.0× |`);
