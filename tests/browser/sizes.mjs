// Bytes as the server sends them (brotli where the browser accepts it), per
// file, for the size budget test and bench/sizes.mjs. The web root's
// asset-manifest.json (wasm/assemble_web_root.mjs) names the served files.
import http from 'node:http';

export const BUDGET = { critical: 48 * 1024, offline: 96 * 1024 };

// The files on the way to the first question of a form (besides its start
// view, GET /api/forms/ID/start: the first page as the engine draws it): the
// shell, the renderer (app.js; questions.js, for the question types beyond
// text, textarea and radios, loads behind the first page or before a page
// that needs it, and repeats.js only for forms with repeats), and the draft
// store, which must find no saved answers before the start view is drawn.
export const CRITICAL = ['index.html', 'style.css', 'app.js', 'drafts.js', 'idb.js'];
// What leaving the first page needs besides (it arrives while the person
// reads the first question): the engine and the form's image.
export const ENGINE = ['engine-client.js', 'frontdesk-engine.wasm'];

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

// [{ name, path, bytes, encoding, critical, engine }] for every file of the
// app and the API answers it needs to start, fill in and send every form
// offline, and the form's start view. critical: the sum of the files on the
// way to the first question of `formId`; engine: of those and what Continue
// needs besides; offline: of everything.
export async function measure(baseUrl, formId = 'crime-report') {
  const manifest = JSON.parse((await (await fetch(`${baseUrl}/asset-manifest.json`)).text()));
  const rows = [];
  const add = async (name, path, flags) => {
    const response = await getRaw(`${baseUrl}${path}`);
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
    rows.push({ name, path, bytes: response.bytes, encoding: response.headers['content-encoding'] ?? 'identity', ...flags });
  };
  for (const [name, file] of Object.entries(manifest.files)) {
    await add(name, file.served, { critical: CRITICAL.includes(name), engine: ENGINE.includes(name) });
  }
  const forms = JSON.parse(await (await fetch(`${baseUrl}/api/forms`)).text());
  if (!forms.some((form) => form.id === formId)) throw new Error(`no form ${formId}`);
  for (const path of ['/api/forms', '/api/keys', ...forms.map((form) => `/api/forms/${form.id}`)]) {
    await add(path, path, { critical: false, engine: path === `/api/forms/${formId}` });
  }
  const start = `/api/forms/${formId}/start`;
  await add(start, start, { critical: true, engine: false });
  const total = (filter) => rows.filter(filter).reduce((sum, row) => sum + row.bytes, 0);
  return {
    rows,
    critical: total((row) => row.critical),
    engine: total((row) => row.critical || row.engine),
    offline: total((row) => row.path !== start),
  };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
