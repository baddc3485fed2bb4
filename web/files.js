// Files chosen for file questions (docs/web-client.md, "Files"). A file's
// bytes stay in this page's memory only: never in the draft, never in
// IndexedDB unsealed. The engine holds the answer "HASH\nSIZE\nNAME" (hash:
// BLAKE2b-256 by the crypto module's libsodium), and when the report is
// sealed each file its answers name is padded and sealed into the same
// envelope. Loaded when a file question is drawn, and when a report is sealed.

// hash -> the file's bytes, for as long as the page is open.
const chosen = new Map();
// input -> the promise of its file's answer, while the file is being read.
const reading = new WeakMap();

export const kept = (hash) => chosen.has(hash);

// Reads the file chosen in `input` and puts its answer on the input
// (data-reference), then tells the page (an input event saves the draft).
// Continue waits for it: the form's submit is held back until it is ready.
// say(what): the input's status line, 'reading', 'unreadable' or '' (none).
export function watch(input, question, getCrypto, say = () => {}) {
  // Only the latest choice counts: a file chosen while the one before it is
  // still being read replaces it, whichever read ends first.
  let turn = 0;
  input.addEventListener('change', () => {
    const mine = ++turn;
    const file = input.files?.[0];
    delete input.dataset.reference;
    say('');
    if (!file) {
      reading.delete(input);
      return;
    }
    const name = file.name.replace(/[\0-\x1f\x7f]/g, ' ').trim().slice(0, 255);
    const done = (async () => {
      let hash = '0'.repeat(64);
      // An empty file, or one too big, is not read at all (it may be huge):
      // the engine refuses it by its size, with a hash that names no file.
      if (file.size && file.size < question.max_bytes) {
        say('reading');
        const [buffer, crypto] = await Promise.all([file.arrayBuffer(), getCrypto()]);
        const bytes = new Uint8Array(buffer);
        hash = crypto.hash(bytes);
        chosen.set(hash, bytes);
      }
      return `${hash}\n${file.size}\n${name}`;
    })();
    reading.set(input, done);
    done.then((reference) => {
      if (mine !== turn) return;
      input.dataset.reference = reference;
      say('');
    }, (error) => {
      if (mine !== turn) return;
      // Not chosen after all: the input and its status say so, rather than
      // seem to hold a file that would not be sent.
      console.error(error);
      input.value = '';
      say('unreadable');
    }).then(() => {
      if (mine !== turn) return;
      reading.delete(input);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  });
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

// Lets go of every file's bytes: once the report holding them is sealed in
// the outbox, and when the person deletes their answers.
export function forget() {
  chosen.clear();
}

// The crypto module (loadCrypto), sealing the files the report's answers
// name into its envelope, in the same call (fd_seal_report). A file whose
// bytes this page does not have (chosen before a reload) stops the sealing
// with an error naming its question, so the person can choose it again.
export function sealer(crypto) {
  return {
    ...crypto,
    seal(report, formId, publicKey, keyId) {
      const files = filesNamed(JSON.parse(report).answers).map(([question, hash]) => {
        if (!chosen.has(hash)) throw Object.assign(new Error('a file must be chosen again'), { question });
        return chosen.get(hash);
      });
      return crypto.seal(report, formId, publicKey, keyId, files);
    },
  };
}

// [answer id (GROUP.N.QUESTION in a repeat), hash] for each file the answers
// name, once. A file answer is its hash, its size and its name, one per line
// (docs/forms-language.md); the server takes exactly these files.
function filesNamed(answers) {
  const found = new Map();
  const look = (id, value) => {
    const hash = /^([0-9a-f]{64})\n[1-9]\d*\n[^\n]+$/.exec(value)?.[1];
    if (hash && !found.has(hash)) found.set(hash, id);
  };
  for (const [id, value] of Object.entries(answers)) {
    if (Array.isArray(value)) value.forEach((entry, i) => Object.entries(entry).forEach(([q, text]) => look(`${id}.${i + 1}.${q}`, text)));
    else look(id, value);
  }
  return [...found].map(([hash, id]) => [id, hash]);
}
