// The outbox: sealed reports (ciphertext only) waiting to be sent. Shared by
// the page and the service worker (Background Sync). A report is stored
// before the first try, sent again and again with the same envelope (so the
// same submission id: the server stores it once), and leaves the outbox only
// after the page has verified the signed receipt with the engine.
//
// An entry: { id (the submission id), formId, envelope, createdAt,
//   state: 'waiting' | 'answered' | 'rejected', attempts, nextAttemptAt,
//   receipt?, problem?: { status, type, title } }
import { get, getAll, put, putIfPresent, remove, withStore } from './idb.js';

const SUBMISSIONS = '/api/submissions';
const BACKOFF_MS = [1_000, 3_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

export function backoff(attempts) {
  const base = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0];
  // Jitter, so that many phones coming back online do not all call at once.
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

export async function addToOutbox({ id, formId, envelope }) {
  const entry = { id, formId, envelope, createdAt: Date.now(), state: 'waiting', attempts: 0, nextAttemptAt: 0 };
  await put('outbox', entry, { durable: true });
  return entry;
}

export const outboxEntries = () => getAll('outbox');
export const outboxEntry = (id) => get('outbox', id);

// A 4xx the server will answer the same way however often it is asked: not
// retried. 408 and 429 are about the moment, not the report.
function isFinal(status) {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

// One try. Resolves to the entry as it is now stored.
export async function sendEntry(entry) {
  let next;
  try {
    const response = await fetch(SUBMISSIONS, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: entry.envelope,
      cache: 'no-store',
    });
    if (response.ok) {
      next = { ...entry, state: 'answered', receipt: await response.json() };
      delete next.lastError;
    } else if (isFinal(response.status)) {
      let problem = {};
      try { problem = await response.json(); } catch { /* not problem+json */ }
      next = { ...entry, state: 'rejected', problem: { status: response.status, type: String(problem.type ?? ''), title: String(problem.title ?? '') } };
    } else {
      throw new Error(`HTTP ${response.status}`);
    }
  } catch (error) {
    // The connection dropped, or the server could not take it now: later.
    const attempts = entry.attempts + 1;
    next = { ...entry, state: 'waiting', attempts, nextAttemptAt: Date.now() + backoff(attempts), lastError: String(error.message ?? error) };
  }
  // The entry may have left the outbox meanwhile (verified by another tab).
  await putIfPresent('outbox', next, entry.id);
  return next;
}

// Back to waiting, to be sent again after the next delay: for a receipt that
// did not verify (the same envelope sent again gets the server's receipt for it).
export async function retryLater(entry, reason) {
  const attempts = entry.attempts + 1;
  const next = { ...entry, state: 'waiting', attempts, nextAttemptAt: Date.now() + backoff(attempts), lastError: reason, unverified: true };
  delete next.receipt;
  await putIfPresent('outbox', next, entry.id);
  return next;
}

// Sends every entry that is due (or all waiting ones, when `now` is forced).
export async function sendDue({ force = false } = {}) {
  const entries = await outboxEntries();
  const results = [];
  for (const entry of entries) {
    if (entry.state === 'waiting' && (force || entry.nextAttemptAt <= Date.now())) results.push(await sendEntry(entry));
    else results.push(entry);
  }
  return results;
}

// After the receipt verified: the reference is kept (it is not something the
// person typed) and the sealed report leaves the device.
export function markDelivered(entry) {
  return withStore(['sent', 'outbox'], 'readwrite', (tx) => {
    tx.objectStore('sent').put({ id: entry.id, formId: entry.formId, reference: entry.receipt.reference, receivedAt: entry.receipt.received_at });
    tx.objectStore('outbox').delete(entry.id);
    return null;
  }, { durable: true });
}

export const sentRecord = (id) => get('sent', id);
export const forget = (id) => remove('outbox', id, { durable: true });
