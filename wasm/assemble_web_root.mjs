#!/usr/bin/env node
// Assembles the web root the server serves (build/web) from web/ and the
// engine's .js/.wasm:
//   - all JavaScript is minified (terser, from the lock file's npm packages),
//     the emscripten glue too (emcc without closure only strips white space:
//     mangling its local names saves a third of it), and the CSS loses its
//     comments and runs of white space;
//   - every asset gets a content-hashed name (app.0123456789ab.js), so it can
//     be cached for a year; references between files are rewritten to the
//     hashed names, leaves first, so a change anywhere changes every name
//     that leads to it;
//   - index.html and sw.js keep their names (they are revalidated on every
//     visit); the service worker gets the list of assets to cache and a
//     version that changes with any of them;
//   - each text file and the wasm gets a .br (Debian's brotli, -q 11) and a
//     .gz (gzip -9 -n) beside it, which the server picks by Accept-Encoding;
//   - asset-manifest.json maps each source name to its served name and its
//     sizes (raw, gzip, brotli): the size-budget test and BENCHMARKS.md read it.
//
// usage: node assemble_web_root.mjs OUT_DIR FILE...
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { minify } from 'terser';

const [outDir, ...inputs] = process.argv.slice(2);
if (!outDir || inputs.length === 0) {
  console.error('usage: assemble_web_root.mjs OUT_DIR FILE...');
  process.exit(2);
}

const UNHASHED = new Set(['index.html', 'sw.js']);
const TEXT = /\.(html|js|mjs|css|svg|json|webmanifest)$/;
const COMPRESSIBLE = /\.(html|js|mjs|css|svg|json|webmanifest|wasm)$/;

const minifyJs = async (code) => (await minify(code, {
  module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false },
})).code;

// sw.js is minified last, once its asset list is filled in.
async function minified(name, bytes) {
  if (name.endsWith('.js') && name !== 'sw.js') {
    return Buffer.from(await minifyJs(bytes.toString('utf8')), 'utf8');
  }
  if (name.endsWith('.css')) {
    return Buffer.from(bytes.toString('utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ')
      .replace(/\s*([{};])\s*/g, '$1').trim(), 'utf8');
  }
  return bytes;
}

const sources = new Map();
for (const file of inputs) {
  const name = path.basename(file);
  sources.set(name, await minified(name, readFileSync(file)));
}
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A reference is the name standing alone: not part of a longer name.
const referencePattern = (name) => new RegExp(`(?<![\\w.-])${escape(name)}(?![\\w-])`, 'g');

// Which other assets each text file names.
const dependencies = new Map();
for (const [name, bytes] of sources) {
  const text = TEXT.test(name) ? bytes.toString('utf8') : '';
  dependencies.set(name, [...sources.keys()].filter((other) => other !== name && !UNHASHED.has(other)
    && referencePattern(other).test(text)));
}

let swText = null;
const served = new Map(); // source name -> served name
const contents = new Map(); // served name -> bytes
function assemble(name, trail = []) {
  if (served.has(name)) return;
  if (trail.includes(name)) throw new Error(`the web files name each other in a circle: ${[...trail, name].join(' -> ')}`);
  for (const dependency of dependencies.get(name)) assemble(dependency, [...trail, name]);
  let bytes = sources.get(name);
  if (dependencies.get(name).length) {
    let text = bytes.toString('utf8');
    for (const dependency of dependencies.get(name)) {
      text = text.replace(referencePattern(dependency), served.get(dependency));
    }
    bytes = Buffer.from(text, 'utf8');
  }
  if (name === 'sw.js') { // written last, with the list of everything else
    swText = bytes.toString('utf8');
    return;
  }
  const hashed = UNHASHED.has(name) ? name : hashedName(name, bytes);
  served.set(name, hashed);
  contents.set(hashed, bytes);
}

function hashedName(name, bytes) {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

for (const name of sources.keys()) assemble(name);

// The service worker caches everything else under a version that changes with any of it.
if (sources.has('sw.js')) {
  const assets = [...served.values()].filter((name) => name !== 'index.html').sort();
  // The worker's own code counts too: a new worker never shares caches with
  // the one in charge (it deletes its own caches when it fails to install).
  const version = createHash('sha256').update(assets.join('\n')).update(contents.get('index.html') ?? '')
    .update(swText).digest('hex').slice(0, 16);
  const text = swText
    .replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`)
    .replace(/const ASSETS = \[[^\]]*\];/, `const ASSETS = ${JSON.stringify(assets.map((name) => `/${name}`))};`);
  if (!text.includes(version)) throw new Error('sw.js has no "const VERSION = \'…\';" line to fill in');
  served.set('sw.js', 'sw.js');
  contents.set('sw.js', Buffer.from(await minifyJs(text), 'utf8'));
}

// Start from an empty folder, so that no stale name is left to be served.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const manifest = { files: {} };
for (const [source, name] of [...served].sort(([a], [b]) => a.localeCompare(b))) {
  const bytes = contents.get(name);
  const file = path.join(outDir, name);
  writeFileSync(file, bytes);
  const sizes = { raw: bytes.length };
  if (COMPRESSIBLE.test(name)) {
    const br = execFileSync('brotli', ['-q', '11', '-c'], { input: bytes, maxBuffer: 1 << 28 });
    const gz = execFileSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 28 });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
    sizes.gzip = gz.length;
    sizes.br = br.length;
  }
  manifest.files[source] = { served: `/${name}`, ...sizes };
}
writeFileSync(path.join(outDir, 'asset-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`assembled ${served.size} files in ${outDir}: ${readdirSync(outDir).length} with compressed copies`);
