// The browser's handle on the forms engine (engine/ compiled to WebAssembly).
// This file only marshals arguments across the C boundary of wasm/; every rule
// about forms, answers, routes and sealing lives in the engine itself.

export class EngineError extends Error {
  constructor(operation, message) {
    super(`${operation}: ${message || 'unknown engine error'}`);
    this.name = 'EngineError';
    this.operation = operation;
  }
}

const RECEIPT_FIELDS = ['reference', 'submission_id', 'envelope_hash', 'received_at', 'key_id', 'signature'];

// Loads frontdesk-engine.js/.wasm (served beside this file) and returns the engine.
// The glue is imported lazily so that a page whose engine fails to load (bad
// connection, old browser) can still tell the person what to do instead.
// moduleOptions go to the emscripten factory (in Node, pass { wasmBinary }).
export async function loadEngine(moduleOptions = {}) {
  const { default: createFrontdeskEngine } = await import('./frontdesk-engine.js');
  const m = await createFrontdeskEngine(moduleOptions);
  return wrapModule(m);
}

// Loads frontdesk-crypto.js/.wasm: libsodium sealing and receipt checks,
// needed only to send, so loaded after the first page.
export async function loadCrypto(moduleOptions = {}) {
  const { default: createFrontdeskCrypto } = await import('./frontdesk-crypto.js');
  const m = await createFrontdeskCrypto(moduleOptions);
  const c = {
    lastError: m.cwrap('fd_crypto_last_error', 'string', []),
    randomId: m.cwrap('fd_random_submission_id', 'string', []),
    seal: m.cwrap('fd_seal_report', 'string', ['string', 'string', 'string', 'string']),
    verifyReceipt: m.cwrap('fd_verify_receipt', 'number',
      ['string', 'string', 'string', 'string', 'string', 'string', 'string', 'string', 'string']),
  };
  return {
    randomSubmissionId() {
      const id = c.randomId();
      if (!id) throw new EngineError('randomSubmissionId', c.lastError());
      return id;
    },

    // report: the engine's canonical report JSON. Returns the envelope JSON.
    seal(report, formId, publicKey, keyId) {
      const envelope = c.seal(String(report), String(formId), String(publicKey), String(keyId));
      if (!envelope) throw new EngineError('seal', c.lastError());
      return envelope;
    },

    // receipt: the parsed JSON answer of POST /api/submissions; sent: the
    // { envelope, submissionId } it must be for (kept in the outbox, so this
    // works after a reload too).
    verifyReceipt(receipt, receiptPublicKey, sent) {
      if (!receipt || typeof receipt !== 'object' || !sent) return false;
      // A C string ends at its first NUL: a field holding one would be checked
      // only up to it while the whole of it could be shown. Refuse it.
      if (!RECEIPT_FIELDS.every((field) => typeof receipt[field] === 'string' && !receipt[field].includes('\0'))) {
        return false;
      }
      const fields = RECEIPT_FIELDS.map((field) => receipt[field]);
      return c.verifyReceipt(...fields, String(receiptPublicKey), String(sent.submissionId),
        String(sent.envelope)) === 1;
    },
  };
}

function wrapModule(m) {
  const c = {
    alloc: m.cwrap('fd_alloc', 'number', ['number']),
    free: m.cwrap('fd_free', null, ['number']),
    loadForm: m.cwrap('fd_load_form', 'number', ['number', 'number']),
    lastError: m.cwrap('fd_last_error', 'string', []),
    setToday: m.cwrap('fd_set_today', 'number', ['number', 'number', 'number']),
    viewJson: m.cwrap('fd_view_json', 'string', []),
    setAnswer: m.cwrap('fd_set_answer', 'number', ['string', 'string']),
    next: m.cwrap('fd_next', 'number', []),
    back: m.cwrap('fd_back', 'number', []),
    change: m.cwrap('fd_change', 'number', ['string']),
    addAnother: m.cwrap('fd_add_another', 'number', []),
    changeEntry: m.cwrap('fd_change_entry', 'number', ['number']),
    removeEntry: m.cwrap('fd_remove_entry', 'number', ['number']),
    reportJson: m.cwrap('fd_report_json', 'string', ['string']),
    submissionId: m.cwrap('fd_submission_id', 'string', []),
    setSubmissionId: m.cwrap('fd_set_submission_id', 'number', ['string']),
    saveDraft: m.cwrap('fd_save_draft', 'string', []),
    restoreDraft: m.cwrap('fd_restore_draft', 'number', ['string']),
    draftDropped: m.cwrap('fd_draft_dropped', 'string', []),
  };

  function check(operation, status) {
    if (status !== 0) throw new EngineError(operation, c.lastError());
  }

  return {
    // bytes: the binary form image from GET /api/forms/<id>.
    loadForm(bytes) {
      if (!(bytes instanceof Uint8Array)) throw new TypeError('loadForm expects a Uint8Array');
      const ptr = c.alloc(Math.max(bytes.length, 1));
      if (!ptr) throw new EngineError('loadForm', 'out of memory');
      try {
        // Read HEAPU8 after fd_alloc: a memory growth replaces the view.
        m.HEAPU8.set(bytes, ptr);
        check('loadForm', c.loadForm(ptr, bytes.length));
      } finally {
        c.free(ptr);
      }
      this.setToday(new Date());
    },

    // What today() is in the form's expressions: the person's own calendar day.
    setToday(date) {
      check('setToday', c.setToday(date.getFullYear(), date.getMonth() + 1, date.getDate()));
    },

    view() {
      return JSON.parse(c.viewJson());
    },

    setAnswer(questionId, value) {
      check('setAnswer', c.setAnswer(String(questionId), String(value ?? '')));
    },

    next() {
      check('next', c.next());
    },

    // Returns false when there was nowhere to go back to.
    back() {
      return c.back() === 0;
    },

    change(questionId) {
      check('change', c.change(String(questionId)));
    },

    // Repeat groups, on a summary (docs/engine-view.md): entries count from 1.
    addAnother() {
      check('addAnother', c.addAnother());
    },

    changeEntry(entry) {
      check('changeEntry', c.changeEntry(entry));
    },

    removeEntry(entry) {
      check('removeEntry', c.removeEntry(entry));
    },

    // Seals the report for the server with the crypto module (loadCrypto).
    // Returns { envelope, submissionId }: the envelope (a JSON string) is
    // posted as it is, again and again until a receipt for it verifies; the
    // id is what that receipt must name.
    seal(crypto, { publicKey, keyId, language, formId }) {
      if (!c.submissionId()) check('seal', c.setSubmissionId(crypto.randomSubmissionId()));
      const report = c.reportJson(String(language));
      if (!report) throw new EngineError('seal', c.lastError());
      return { envelope: crypto.seal(report, formId, publicKey, keyId), submissionId: c.submissionId() };
    },

    // A printable string to keep (encrypted, in IndexedDB) and give back to restoreDraft.
    saveDraft() {
      return c.saveDraft();
    },

    // Restores a saved draft into the loaded form (even a newer version of it:
    // what still applies is kept, and it lands on the first page needing attention).
    // Returns the ids of answered questions the form no longer asks.
    restoreDraft(draft) {
      check('restoreDraft', c.restoreDraft(String(draft)));
      return JSON.parse(c.draftDropped());
    },
  };
}
