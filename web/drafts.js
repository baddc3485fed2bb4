// Answers in progress, kept on the device so that nothing is lost to a
// closed tab or a restart, and encrypted at rest: AES-GCM with a key that
// WebCrypto made non-extractable, so no script (ours included) can read the
// key out, and clearing it makes every saved draft unreadable at once.
// A draft expires DRAFT_LIFETIME_MS after it was last saved.
import { clear, get, getAll, put, remove } from './idb.js';

export const DRAFT_LIFETIME_DAYS = 7;
const DRAFT_LIFETIME_MS = DRAFT_LIFETIME_DAYS * 24 * 60 * 60 * 1000;
const KEY_NAME = 'drafts';

let keyPromise = null;

function draftKey() {
  keyPromise ??= (async () => {
    const stored = await get('keys', KEY_NAME);
    if (stored?.key) return stored.key;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await put('keys', { name: KEY_NAME, key }, { durable: true });
    return key;
  })();
  keyPromise.catch(() => { keyPromise = null; });
  return keyPromise;
}

// text: what the engine's fd_save_draft gave.
export async function saveDraft(formId, text) {
  const key = await draftKey();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  // The form id is bound to the ciphertext, so a draft cannot be moved to another form.
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(formId) },
    key, new TextEncoder().encode(text));
  const now = Date.now();
  await put('drafts', { formId, iv, data, savedAt: now, expiresAt: now + DRAFT_LIFETIME_MS });
}

// { text, sentAs } or null when there is none, it expired or cannot be read.
// sentAs: the submission id of the report made from it, if one was sent.
export async function loadDraft(formId) {
  const record = await get('drafts', formId);
  if (!record) return null;
  if (record.expiresAt <= Date.now()) {
    await remove('drafts', formId);
    return null;
  }
  try {
    const key = await draftKey();
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv, additionalData: new TextEncoder().encode(formId) },
      key, record.data);
    return { text: new TextDecoder().decode(plain), sentAs: record.sentAs ?? null };
  } catch {
    await remove('drafts', formId);
    return null;
  }
}

// The draft became a report in the outbox: it is kept (to correct the report
// if the server refuses it) but not offered as answers in progress.
export async function markDraftSent(formId, submissionId) {
  const record = await get('drafts', formId);
  if (record) await put('drafts', { ...record, sentAs: submissionId }, { durable: true });
}

// After its report arrived: the draft it was made from goes, unless it has
// since become the answers to another report.
export async function deleteSentDraft(formId, submissionId) {
  const record = await get('drafts', formId);
  if (record?.sentAs === submissionId) await remove('drafts', formId, { durable: true });
}

export async function deleteExpiredDrafts() {
  const now = Date.now();
  for (const record of await getAll('drafts')) {
    if (record.expiresAt <= now) await remove('drafts', record.formId);
  }
}

// "I'm on a shared computer": every draft and the key that could read them.
export async function deleteAllDrafts() {
  await clear('drafts');
  await clear('keys');
  keyPromise = null;
}
