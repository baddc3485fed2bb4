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

// Instantiates one of our wasm modules, served beside this file. No
// emscripten glue: the modules are built with their export names kept, and
// what they need from JavaScript is a few small functions, so a few lines here
// replace 2.3 KB (engine) and 2.6 KB (crypto) of glue, in brotli
// (docs/web-client.md). wasmBinary: the module's bytes (in Node, where there
// is no fetch of a file URL). imports(memory): functions the module imports
// besides these. Returns { x: its exports, memory }.
async function instantiate(file, wasmBinary, imports = () => ({})) {
  let memory = null;
  const stop = (what) => () => { throw new EngineError(file, what); };
  const env = {
    abort: stop('aborted'),
    __assert_fail: stop('assertion failed'),
    // malloc asks for `size` bytes of memory in all: grow to it, 64 KiB pages.
    emscripten_resize_heap: (size) => {
      try {
        memory.grow(Math.ceil(((size >>> 0) - memory.buffer.byteLength) / 65536));
        return 1;
      } catch {
        return 0;
      }
    },
    // The high half of a 64-bit result: nothing the page calls returns one.
    setTempRet0: () => {},
    // The most memory malloc may ask for: wasm32's 2 GiB, as emscripten's glue says.
    emscripten_get_heap_max: () => 2147483648,
    ...imports(() => memory),
  };
  const { instance } = wasmBinary
    ? await WebAssembly.instantiate(wasmBinary, { env })
    : await WebAssembly.instantiateStreaming(fetch(new URL(`./${file}`, import.meta.url)), { env });
  const x = instance.exports;
  memory = x.memory;
  x.__wasm_call_ctors();
  return { x, memory };
}

// Loads frontdesk-engine.wasm and returns the engine.
export async function loadEngine({ wasmBinary } = {}) {
  const { x, memory } = await instantiate('frontdesk-engine.wasm', wasmBinary);
  return wrapModule(x, memory);
}

// Loads frontdesk-crypto.wasm: libsodium sealing and receipt checks, needed
// only to send, so loaded after the first page. Its random bytes come from
// crypto.getRandomValues (wasm/random_source.cpp); when the browser has none,
// or it fails, the module refuses to seal.
export async function loadCrypto({ wasmBinary } = {}) {
  const { x, memory } = await instantiate('frontdesk-crypto.wasm', wasmBinary, (getMemory) => ({
    fd_random_fill: (at, size) => {
      try {
        // getRandomValues gives at most 64 KiB a call.
        for (let done = 0; done < size; done += 65536) {
          globalThis.crypto.getRandomValues(new Uint8Array(getMemory().buffer, at + done, Math.min(65536, size - done)));
        }
        return 1;
      } catch {
        return 0;
      }
    },
  }));
  const { call, heap } = marshal(x, memory);
  // Copies each of `list` (Uint8Arrays) into the module's memory and calls
  // use(places), places being [pointer, length] each; then wipes and frees
  // them, so no plaintext lingers there.
  const inMemory = (list, use) => {
    const places = [];
    try {
      for (const bytes of list) {
        const at = x.fd_alloc(bytes.length + 1);
        if (!at) throw new EngineError('crypto', 'out of memory');
        places.push([at, bytes.length]);
        heap().set(bytes, at);
      }
      return use(places);
    } finally {
      for (const [at, length] of places) {
        heap().fill(0, at, at + length);
        x.fd_free(at);
      }
    }
  };
  const failed = (operation) => { throw new EngineError(operation, call(x.fd_crypto_last_error, 'string')); };
  return {
    randomSubmissionId() {
      return call(x.fd_random_submission_id, 'string') || failed('randomSubmissionId');
    },

    // The BLAKE2b-256 of `bytes` (a Uint8Array), in hex: a file answer's hash.
    hash(bytes) {
      return inMemory([bytes], ([[at, length]]) => call(x.fd_hash_bytes, 'string', at, length)) || failed('hash');
    },

    // report: the engine's canonical report JSON; files: the bytes of each
    // file the report's answers name (Uint8Arrays, files.js). Returns the
    // envelope JSON, the report and the files sealed in it.
    seal(report, formId, publicKey, keyId, files = []) {
      const envelope = inMemory(files, (places) => inMemory(
        [new Uint8Array(new Uint32Array(places.flat()).buffer)],
        ([[table]]) => call(x.fd_seal_report, 'string', String(report), String(formId), String(publicKey), String(keyId), table, files.length),
      ));
      return envelope || failed('seal');
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
      return call(x.fd_verify_receipt, 'number', ...fields, String(receiptPublicKey), String(sent.submissionId),
        String(sent.envelope)) === 1;
    },
  };
}

// A C string argument: UTF-8 with a NUL, in memory from fd_alloc (wiped and
// freed by call() after the call). A C string result: read up to its NUL.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The module's memory as bytes, and call(fn, returns, ...args): fn with
// string arguments copied in, and the result read as a string when `returns`
// says so.
function marshal(x, memory) {
  const heap = () => new Uint8Array(memory.buffer); // anew each time: growing memory replaces the buffer
  const readString = (ptr) => {
    if (!ptr) return '';
    const bytes = heap();
    return decoder.decode(bytes.subarray(ptr, bytes.indexOf(0, ptr)));
  };
  const call = (fn, returns, ...args) => {
    const held = [];
    try {
      const values = args.map((arg) => {
        if (typeof arg !== 'string') return arg;
        const utf8 = encoder.encode(arg);
        const ptr = x.fd_alloc(utf8.length + 1);
        if (!ptr) throw new EngineError('engine', 'out of memory');
        held.push([ptr, utf8.length]);
        const bytes = heap();
        bytes.set(utf8, ptr);
        bytes[ptr + utf8.length] = 0;
        return ptr;
      });
      const result = fn(...values);
      return returns === 'string' ? readString(result) : result;
    } finally {
      // Wiped before they are freed: answers and reports are what the public typed.
      for (const [ptr, length] of held) {
        heap().fill(0, ptr, ptr + length);
        x.fd_free(ptr);
      }
    }
  };
  return { heap, call };
}

function wrapModule(x, memory) {
  const { heap, call } = marshal(x, memory);
  const c = {
    alloc: x.fd_alloc,
    free: x.fd_free,
    loadForm: x.fd_load_form,
    lastError: () => call(x.fd_last_error, 'string'),
    setToday: x.fd_set_today,
    viewJson: () => call(x.fd_view_json, 'string'),
    setAnswer: (id, value) => call(x.fd_set_answer, 'number', id, value),
    next: x.fd_next,
    back: x.fd_back,
    change: (id) => call(x.fd_change, 'number', id),
    addAnother: x.fd_add_another,
    changeEntry: x.fd_change_entry,
    removeEntry: x.fd_remove_entry,
    reportJson: (language) => call(x.fd_report_json, 'string', language),
    submissionId: () => call(x.fd_submission_id, 'string'),
    setSubmissionId: (id) => call(x.fd_set_submission_id, 'number', id),
    saveDraft: () => call(x.fd_save_draft, 'string'),
    restoreDraft: (draft) => call(x.fd_restore_draft, 'number', draft),
    draftDropped: () => call(x.fd_draft_dropped, 'string'),
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
        // The view is taken after fd_alloc: a memory growth replaces the buffer.
        heap().set(bytes, ptr);
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
