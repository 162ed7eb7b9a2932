#!/usr/bin/env node
// The one test command (README): installs what is missing, builds, then runs every suite in order.
// Each stage is a separate process; the run stops at the first failing stage and exits non-zero.
// Under CI=true a skipped test is a failure (a missing peer must not hide a broken check), and the extension-host
// and browser stages must run: their absence fails the run. Every stage is bounded in time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
process.chdir(root);
const only = process.argv.slice(2);
const ci = process.env.CI === 'true';
const MIN = 60_000;

function fail(title, why, secs = '0.0') {
  timings.push([title, secs, 'FAILED']);
  summary();
  console.error(`✖ ${title} failed: ${why}`);
  process.exit(1);
}

function run(title, cmd, args, { env = {}, limitMs = 10 * MIN, tap } = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}: ${cmd} ${args.join(' ')}`);
  // SIGTERM at the bound lets the stage stop what it started (test.after hooks, process groups).
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, timeout: limitMs, killSignal: 'SIGTERM' });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.error?.code === 'ETIMEDOUT') fail(title, `no result within ${limitMs / 1000}s`, secs);
  if (r.status !== 0) fail(title, `exit ${r.status ?? r.signal} after ${secs}s`, secs);
  const skipped = tap ? skippedTests(tap) : [];
  if (skipped.length) {
    console.log(`\n${title}: ${skipped.length} skipped:\n  ${skipped.join('\n  ')}`);
    if (ci) fail(title, `CI=true and ${skipped.length} test(s) skipped (a skip would hide a failure)`, secs);
  }
  timings.push([title, secs, skipped.length ? `ok, ${skipped.length} skipped` : 'ok']);
}

// The TAP copy of a node:test run names every skipped test (`ok N - name # SKIP reason`).
function skippedTests(tapFile) {
  if (!existsSync(tapFile)) return [];
  return readFileSync(tapFile, 'utf8')
    .split('\n')
    .filter((l) => /^\s*ok \d+ - .*# SKIP/.test(l))
    .map((l) => l.trim().replace(/^ok \d+ - /, ''));
}
const timings = [];
function summary() {
  console.log('\nstage                      seconds  result');
  for (const [t, s, r] of timings) console.log(`${t.padEnd(26)} ${s.padStart(7)}  ${r}`);
}
const tests = (dir) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)).filter((f) => statSync(f).isFile()) : [];

const stale = () => {
  const marker = 'node_modules/.package-lock.json';
  return !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs;
};
const STAGES = ['unit', 'peers', 'integration', 'e2e'];
const unknown = only.filter((s) => !STAGES.includes(s) && s !== 'exthost');
if (unknown.length) fail('arguments', `unknown stage(s) ${unknown.join(', ')}; stages are ${STAGES.join(', ')} (exthost = integration)`);
if (stale()) run('install (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund'], { limitMs: 15 * MIN });
run('tools', process.execPath, ['scripts/tools.mjs'], { limitMs: 25 * MIN });
run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.'], { limitMs: 5 * MIN });
// The webview has its own tsconfig (lib dom) and is excluded from the main one.
run('typecheck webview', 'npx', ['tsc', '--noEmit', '-p', 'src/webview/tsconfig.json'], { limitMs: 5 * MIN });
run('build', process.execPath, ['esbuild.config.mjs'], { limitMs: 5 * MIN });

const want = (s) => only.length === 0 || only.includes(s) || (s === 'integration' && only.includes('exthost'));
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
// Spec on the terminal, TAP into test-results/ to find skips.
function nodeTest(title, name, files, limitMs, extra = []) {
  if (files.length === 0) fail(title, `no test files found for ${name}`);
  const tap = join(results, `${name}.tap`);
  rmSync(tap, { force: true });
  const args = ['--import', 'tsx', '--test', ...extra, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files];
  run(title, process.execPath, args, { limitMs, tap });
}
if (want('unit')) nodeTest('unit + conformance', 'unit', [...tests('test/unit'), ...tests('test/conformance')], 10 * MIN);
if (want('peers')) nodeTest('peers (aws cli, moto)', 'peers', tests('test/peers'), 15 * MIN);
if (want('integration')) {
  if (!existsSync('scripts/exthost.mjs')) fail('extension host', 'scripts/exthost.mjs is missing');
  run('extension host', process.execPath, ['scripts/exthost.mjs'], { limitMs: 6 * MIN });
}
// One browser test file at a time: each starts its own code-server and Chromium, and the machine has 2 cores.
if (want('e2e')) nodeTest('browser e2e', 'e2e', tests('test/e2e'), 15 * MIN, ['--test-concurrency=1']);
summary();
console.log(`\nscreenshots: ${join(results, 'screenshots')}`);
