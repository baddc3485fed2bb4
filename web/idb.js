// The app's one IndexedDB database, shared by the page and the service worker.
// Stores: outbox (sealed reports waiting to be sent), sent (the reference of
// each report that arrived), drafts (answers in progress, encrypted), keys
// (the drafts' non-extractable AES key). Nothing here is ever plaintext
// answers: drafts are encrypted, reports sealed, before they are stored.
const NAME = 'frontdesk';
const VERSION = 1;

let opening = null;

export function openDb() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const [store, keyPath] of [['outbox', 'id'], ['sent', 'id'], ['drafts', 'formId'], ['keys', 'name']]) {
        if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: let it, and open again next time.
      db.onversionchange = () => { db.close(); opening = null; };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the database is blocked by another tab'));
  });
  opening.catch(() => { opening = null; });
  return opening;
}

// Runs fn(store) in one transaction and resolves, with what fn's request
// gave, once the transaction has committed. durable: wait for the disk
// (a report in the outbox must survive a crash straight after "Send").
// name: one store, or a list of stores (fn then gets the transaction).
export async function withStore(name, mode, fn, { durable = false } = {}) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(name, mode, { durability: durable ? 'strict' : 'default' });
    let result;
    const request = fn(Array.isArray(name) ? tx : tx.objectStore(name));
    if (request) request.onsuccess = () => { result = request.result; };
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

// Writes `value` only if a record with its key is still there, in one
// transaction, so that a page and the service worker never bring back a
// record the other has just removed.
export function putIfPresent(store, value, key) {
  return withStore(store, 'readwrite', (s) => {
    const request = s.get(key);
    request.onsuccess = () => { if (request.result !== undefined) s.put(value); };
    return null;
  }, { durable: true });
}

export const get = (store, key) => withStore(store, 'readonly', (s) => s.get(key));
export const getAll = (store) => withStore(store, 'readonly', (s) => s.getAll());
export const put = (store, value, options) => withStore(store, 'readwrite', (s) => s.put(value), options);
export const remove = (store, key, options) => withStore(store, 'readwrite', (s) => s.delete(key), options);
export const clear = (store) => withStore(store, 'readwrite', (s) => s.clear(), { durable: true });
