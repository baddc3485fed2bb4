// Bytes as the server sends them (brotli where the browser accepts it), per
// file, for the size budget test and bench/sizes.mjs. The web root's
// asset-manifest.json (wasm/assemble_web_root.mjs) names the served files.
import http from 'node:http';

export const BUDGET = { critical: 48 * 1024, offline: 96 * 1024 };

// The source files on the way to the first question of a form (besides the
// form image): the shell, the renderer (app.js; questions.js, for the question
// types beyond text, textarea and radios, loads behind the first page or
// before a page that needs it, and repeats.js only for forms with repeats),
// the engine, and the draft store that restores saved answers before the
// first page is drawn.
export const CRITICAL = ['index.html', 'style.css', 'app.js', 'engine-client.js', 'frontdesk-engine.js',
  'frontdesk-engine.wasm', 'drafts.js', 'idb.js'];

// Resolves to { status, headers, bytes } with the body exactly as sent (not decoded).
export function getRaw(url, acceptEncoding = 'br') {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, bytes: Buffer.concat(chunks).length }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

// [{ name, path, bytes, encoding, critical }] for every file of the app and
// the API answers it needs to start, fill in and send every form offline.
export async function measure(baseUrl, formId = 'bike-theft') {
  const manifest = JSON.parse((await (await fetch(`${baseUrl}/asset-manifest.json`)).text()));
  const rows = [];
  for (const [name, file] of Object.entries(manifest.files)) {
    const response = await getRaw(`${baseUrl}${file.served}`);
    if (response.status !== 200) throw new Error(`${file.served}: HTTP ${response.status}`);
    rows.push({ name, path: file.served, bytes: response.bytes, encoding: response.headers['content-encoding'] ?? 'identity', critical: CRITICAL.includes(name) });
  }
  const forms = JSON.parse(await (await fetch(`${baseUrl}/api/forms`)).text());
  const api = ['/api/forms', '/api/keys', ...forms.map((form) => `/api/forms/${form.id}`)];
  for (const path of api) {
    const response = await getRaw(`${baseUrl}${path}`);
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
    rows.push({ name: path, path, bytes: response.bytes, encoding: response.headers['content-encoding'] ?? 'identity',
      critical: path === `/api/forms/${formId}` });
  }
  const total = (filter) => rows.filter(filter).reduce((sum, row) => sum + row.bytes, 0);
  return { rows, critical: total((row) => row.critical), offline: total(() => true) };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
