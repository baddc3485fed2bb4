// Every journey through a shipped form, found by `frontdesk paths`, must end on
// an exit page or in a report with a route; the search must not stop at its
// limit; every page, page route, team rule and team must be used by some
// journey; and each journey's answers, filled in again by `frontdesk fill`,
// must take that very journey to that very team.
//   node tests/forms/paths.mjs FRONTDESK_BIN forms/FORM.json
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, formPath] = process.argv.slice(2);
const today = '2026-11-28';
const form = JSON.parse(readFileSync(formPath, 'utf8'));
const found = JSON.parse(execFileSync(bin, ['paths', formPath, '--today', today], { encoding: 'utf8', maxBuffer: 256 << 20 }));
const problems = [];
const problem = (text) => problems.push(text);

if (found.truncated) problem('the search stopped at its limit: some journeys were not walked');
for (const page of found.unused_pages) problem(`no journey reaches page '${page}'`);
for (const r of found.unused_page_routes) problem(`no journey takes route ${r.route} of page '${r.page}'`);
for (const i of found.unused_team_rules) problem(`no journey makes team rule ${i} fire (${form.routing.rules[i].if})`);

const exitPages = new Set(form.pages.filter((p) => p.type === 'exit').map((p) => p.id));
const teams = new Set([form.routing.default.team, ...(form.routing.rules ?? []).map((r) => r.team)]);
const reached = new Set();
const scratch = mkdtempSync(join(tmpdir(), 'frontdesk-paths-'));
let submitted = 0;
let exits = 0;
try {
  found.paths.forEach((path, i) => {
    const name = `journey ${i} (${path.pages.join(' > ')})`;
    if (path.outcome === 'submitted') {
      submitted++;
      if (!path.route?.team || !['urgent', 'standard', 'low'].includes(path.route.urgency)) problem(`${name}: a report with no route`);
      reached.add(path.route?.team);
    } else if (path.outcome === 'exit') {
      exits++;
      if (!exitPages.has(path.pages.at(-1))) problem(`${name}: ends on '${path.pages.at(-1)}', which is not an exit page`);
    } else {
      problem(`${name}: ends in a ${path.outcome}, neither a report nor an exit page`);
      return;
    }
    const answers = join(scratch, 'answers.json');
    writeFileSync(answers, JSON.stringify(path.answers));
    const run = spawnSync(bin, ['fill', formPath, '--answers', answers, '--today', today], { encoding: 'utf8' });
    const expectedStatus = path.outcome === 'submitted' ? 0 : 3;
    if (run.status !== expectedStatus) {
      problem(`${name}: fill exits ${run.status}, not ${expectedStatus}: ${run.stdout}${run.stderr}`);
      return;
    }
    const filled = JSON.parse(run.stdout);
    if (JSON.stringify(filled.pages) !== JSON.stringify(path.pages)) problem(`${name}: fill walks ${filled.pages.join(' > ')}`);
    if (filled.outcome !== path.outcome) problem(`${name}: fill ends in ${filled.outcome}`);
    if (path.outcome === 'submitted' && JSON.stringify(filled.route) !== JSON.stringify(path.route)) {
      problem(`${name}: fill routes to ${JSON.stringify(filled.route)}, not ${JSON.stringify(path.route)}`);
    }
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
for (const team of teams) if (!reached.has(team)) problem(`no journey reaches team '${team}'`);

if (problems.length) {
  console.error(`${formPath}:\n  ${problems.slice(0, 40).join('\n  ')}${problems.length > 40 ? `\n  … and ${problems.length - 40} more` : ''}`);
  process.exit(1);
}
console.log(`${form.id}: ${found.paths.length} journeys (${submitted} reports to ${reached.size} teams, ${exits} exits), each walked again by fill`);
