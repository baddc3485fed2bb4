// Starts the real `frontdesk serve` for a browser test, on a free port, with its
// data in a fresh temporary folder.
//   FRONTDESK_BIN    the native frontdesk binary
//   FRONTDESK_WEB    the folder served at / (web/ plus the engine and crypto modules)
//   FRONTDESK_FORMS  the forms folder
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const REQUIRED_ENV = ['FRONTDESK_BIN', 'FRONTDESK_WEB', 'FRONTDESK_FORMS'];
const LISTENING = /^frontdesk: listening on (http:\/\/127\.0\.0\.1:\d+)\b/m;

// web: serve this folder instead of FRONTDESK_WEB (a test that deploys a new app version);
// forms: this forms folder instead of FRONTDESK_FORMS.
export async function startServer({ timeoutMs = 20_000, web = process.env.FRONTDESK_WEB, forms = process.env.FRONTDESK_FORMS } = {}) {
  const missing = REQUIRED_ENV.filter((name) => !process.env[name]);
  if (missing.length) {
    throw new Error(`the browser tests need ${missing.join(', ')} set: FRONTDESK_BIN is the native `
      + 'frontdesk binary, FRONTDESK_WEB the folder it serves at / (the '
      + 'assembled web root, build/web), FRONTDESK_FORMS the forms folder');
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-browser-'));
  const child = spawn(process.env.FRONTDESK_BIN, [
    'serve', '--port', '0', '--data', dataDir,
    '--web', web, '--forms', forms,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });

  let stdout = '';
  let stderr = '';
  // Keep draining both pipes for the server's whole life, so it never blocks on a full pipe.
  child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
  // Settles when the process is gone, or was never started (spawn error).
  const exited = new Promise((resolve) => {
    child.once('exit', resolve);
    child.once('error', resolve);
  });

  async function stop() {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "frontdesk: listening on" line within ${timeoutMs} ms`)), timeoutMs);
      const settle = (fn, value) => { clearTimeout(timer); child.stdout.off('data', onData); fn(value); };
      const onData = () => {
        const match = LISTENING.exec(stdout);
        if (match) settle(resolve, match[1]);
      };
      child.stdout.on('data', onData);
      child.once('error', (error) => settle(reject, error));
      child.once('exit', (code, signal) => settle(reject, new Error(`exited early (code ${code}, signal ${signal})`)));
    });
    // How many reports the store holds (Debian's sqlite3 reads the WAL too).
    const storedCount = () => Number(execFileSync('sqlite3', [path.join(dataDir, 'frontdesk.sqlite3'),
      'SELECT count(*) FROM submissions'], { encoding: 'utf8' }).trim());
    return { url, stop, dataDir, storedCount };
  } catch (error) {
    await stop();
    throw new Error(`could not start ${process.env.FRONTDESK_BIN} serve: ${error.message}\n`
      + `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`);
  }
}
