// The time to the first question of the crime report on a throttled network
// (DevTools "3G" and "Slow 4G", cold, warm and offline) is a benchmark
// (bench/first-question.mjs, BENCHMARKS.md), not a timed test: this machine
// is shared and noisy. Here it runs once per setting, so that `make test`
// measures it and prints the figures, and fails if the benchmark itself
// breaks (no first question, a setting missing), never on a time.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the throttled time-to-first-question benchmark runs (one run of each setting, figures printed)', { timeout: 300_000 }, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bench/first-question.mjs')], {
    env: { ...process.env, RUNS: '1' }, maxBuffer: 1 << 24,
  });
  const rows = stdout.split('\n').filter((line) => /^\| .+ \| (cold|warm|offline) \| \d+ ms \|/.test(line));
  const settings = rows.map((line) => line.split('|').slice(1, 3).map((cell) => cell.trim()).join(', '));
  for (const network of ['3G', '3G, CPU 4× slower', 'Slow 4G, CPU 4× slower']) {
    for (const visit of ['cold', 'warm', 'offline']) {
      assert.ok(settings.includes(`${network}, ${visit}`), `a figure for ${network}, ${visit}:\n${stdout}`);
    }
  }
  console.log(rows.join('\n'));
});
