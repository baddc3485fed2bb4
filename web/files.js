// Files chosen for file questions (docs/web-client.md, "Files"). A file's
// bytes stay in this page's memory only: never in the draft, never in
// IndexedDB unsealed. The engine holds the answer "HASH\nSIZE\nNAME" (hash:
// BLAKE2b-256 by the crypto module's libsodium), and when the report is
// sealed each file it names is padded and sealed into the same envelope.
// Loaded when a file question is drawn, and when a report is sealed.

// hash -> the file's bytes, for as long as the page is open.
const chosen = new Map();
// input -> the promise of its file's answer, while the file is being read.
const reading = new WeakMap();
const ZERO_HASH = '0'.repeat(64);

export const kept = (hash) => chosen.has(hash);

// The answer for a chosen file, once read and hashed (see watch).
const reference = (hash, file) => `${hash}\n${file.size}\n${file.name.replace(/[\0-\x1f\x7f]/g, ' ').trim().slice(0, 255)}`;

// Whether the engine will refuse the file for its size anyway (empty or too
// big): such a file is not read at all (it may be huge). Its type the engine
// checks by its name.
const refused = (question, file) => file.size === 0 || file.size >= question.max_bytes;

// Copies bytes into the crypto module, calls it, then wipes and frees them.
function withBytes(crypto, bytes, call) {
  const m = crypto.m;
  const at = m._malloc(Math.max(bytes.length, 1));
  if (!at) throw new Error('out of memory');
  try {
    m.HEAPU8.set(bytes, at);
    return call(at);
  } finally {
    m.HEAPU8.fill(0, at, at + bytes.length);
    m._free(at);
  }
}

// Reads the file chosen in `input` and puts its answer on the input
// (data-reference). Continue waits for it (the form's submit is held back
// until it is ready); the page's input event saves it into the draft.
export function watch(input, question, getCrypto) {
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    delete input.dataset.reference;
    if (!file) return;
    const done = (async () => {
      if (refused(question, file)) {
        // Not read: the answer carries the size and name the engine's
        // checks need, and a hash that names no file; it is never sent.
        input.dataset.reference = reference(ZERO_HASH, file);
        return;
      }
      const [bytes, crypto] = await Promise.all([file.arrayBuffer().then((buffer) => new Uint8Array(buffer)), getCrypto()]);
      const hash = withBytes(crypto, bytes, (at) => crypto.m.ccall('fd_hash_bytes', 'string', ['number', 'number'], [at, bytes.length]));
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('the file could not be hashed');
      chosen.set(hash, bytes);
      input.dataset.reference = reference(hash, file);
    })();
    reading.set(input, done);
    done.catch((error) => console.error('the file could not be read:', error)).then(() => {
      reading.delete(input);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  });
  // Continue waits until the chosen file is read, then goes on.
  input.form?.addEventListener('submit', (event) => {
    const pending = reading.get(input);
    if (!pending) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    pending.catch(() => {}).then(() => input.form?.requestSubmit());
  }, { capture: true });
  // A file chosen before this module arrived.
  if (input.files?.length) input.dispatchEvent(new Event('change'));
}

// The crypto module (loadCrypto), sealing the files the report's answers
// name into the envelope with it, in one call (fd_seal_report). A file whose
// bytes this page does not have (chosen before a reload) stops the sealing
// with an error naming its question, so the person can choose it again.
export function sealer(crypto) {
  return {
    ...crypto,
    seal(report, formId, publicKey, keyId) {
      const files = filesNamed(JSON.parse(report).answers).map(([question, hash]) => {
        const bytes = chosen.get(hash);
        if (!bytes) throw Object.assign(new Error('a file must be chosen again'), { question });
        return bytes;
      });
      if (!files.length) return crypto.seal(report, formId, publicKey, keyId);
      // Each file's bytes, then a pointer and a length for each, in the module's memory.
      const m = crypto.m;
      const places = [];
      try {
        for (const bytes of files) {
          const at = m._malloc(Math.max(bytes.length, 1));
          if (!at) throw new Error('out of memory');
          places.push(at);
          m.HEAPU8.set(bytes, at);
        }
        const list = m._malloc(8 * files.length);
        if (!list) throw new Error('out of memory');
        m.HEAPU32.set(files.flatMap((bytes, index) => [places[index], bytes.length]), list / 4);
        places.push(list);
        return crypto.seal(report, formId, publicKey, keyId, list, files.length);
      } finally {
        // Plaintext never lingers in the module's memory.
        places.forEach((at, index) => m.HEAPU8.fill(0, at, at + (files[index]?.length ?? 8 * files.length)));
        places.forEach((at) => m._free(at));
      }
    },
  };
}

// [answer id (GROUP.N.QUESTION in a repeat), hash] for each file answer,
// each file once. A file answer is its hash, its size and its name, one per
// line (docs/forms-language.md); the server takes exactly these files.
function filesNamed(answers) {
  const found = new Map();
  const look = (id, value) => {
    const match = /^([0-9a-f]{64})\n[1-9]\d*\n[^\n]+$/.exec(value);
    if (match && !found.has(match[1])) found.set(match[1], id);
  };
  for (const [id, value] of Object.entries(answers)) {
    if (Array.isArray(value)) value.forEach((entry, index) => Object.entries(entry).forEach(([question, text]) => look(`${id}.${index + 1}.${question}`, text)));
    else look(id, value);
  }
  return [...found].map(([hash, id]) => [id, hash]);
}
