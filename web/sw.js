// The service worker: after one visit, every form can be started, filled in
// and sent with no connection.
//   - the app shell (index.html and every content-hashed file) is cached per
//     app version; hashed files never change, so they are served from cache;
//   - the forms list, every form image and the public keys are cached per app
//     version too, served from the cache and refreshed behind it;
//   - a new version installs only once it has the whole shell, every form and
//     the keys, in caches of its own: if it cannot (offline, a file missing),
//     the old version stays in charge with its caches untouched, so an update
//     never leaves the cached forms unusable (nor gives the old engine form
//     images it was not built for). It takes over when no tab uses the old one
//     (no skipWaiting), so an open page never loses its files, and only then
//     are the old caches deleted;
//   - Background Sync sends the outbox while no page is open.
// Filled in by wasm/assemble_web_root.mjs:
const VERSION = 'dev';
const ASSETS = [];

import { sendDue } from './outbox.js';

const SHELL = `fd-shell-${VERSION}`;
const DATA = `fd-data-${VERSION}`;

async function cacheData(cache) {
  const forms = await fetch('/api/forms', { cache: 'no-cache' });
  if (!forms.ok) throw new Error(`/api/forms: HTTP ${forms.status}`);
  const list = await forms.clone().json();
  const keys = await fetch('/api/keys', { cache: 'no-cache' });
  if (!keys.ok) throw new Error(`/api/keys: HTTP ${keys.status}`);
  // Every form in every language it has (one language per image).
  const urls = list.flatMap((form) => [`/api/forms/${encodeURIComponent(form.id)}`,
    ...(form.languages ?? []).slice(1).map((code) => `/api/forms/${encodeURIComponent(form.id)}?lang=${code}`)]);
  const images = await Promise.all(urls.map(async (url) => {
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return [url, response];
  }));
  await Promise.all([cache.put('/api/forms', forms), cache.put('/api/keys', keys),
    ...images.map(([url, response]) => cache.put(url, response))]);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    try {
      const shell = await caches.open(SHELL);
      await shell.addAll(['/', ...ASSETS]);
      await cacheData(await caches.open(DATA));
    } catch (error) {
      // Not installed: the version in charge stays, and this one leaves nothing behind.
      await caches.delete(SHELL);
      await caches.delete(DATA);
      throw error;
    }
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('fd-') && name !== SHELL && name !== DATA) await caches.delete(name);
    }
    // Take the page of the first visit too, so it works offline without a reload.
    await self.clients.claim();
  })());
});

function isData(path) {
  return path === '/api/forms' || path === '/api/keys' || path.startsWith('/api/forms/');
}

// From the cache at once when there, refreshed from the network behind it.
async function staleWhileRevalidate(event, request) {
  const cache = await caches.open(DATA);
  const cached = await cache.match(request, { ignoreVary: true });
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => {}));
    return cached;
  }
  return fresh;
}

async function fromShell(request) {
  const cached = await caches.match(request, { ignoreVary: true });
  return cached ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return; // the outbox's POSTs go straight out
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(caches.match('/', { cacheName: SHELL }).then((cached) => cached ?? fetch(request)));
  } else if (isData(url.pathname)) {
    event.respondWith(staleWhileRevalidate(event, request));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(fromShell(request));
  }
});

self.addEventListener('sync', (event) => {
  if (event.tag === 'fd-outbox') event.waitUntil(sendDue({ force: true }));
});
