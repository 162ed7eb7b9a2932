#!/usr/bin/env node
// The one test command (README): installs what is missing, builds, then runs every suite in order.
// Each stage is a separate process; the run stops at the first failing stage and exits non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
process.chdir(root);
const only = process.argv.slice(2);

function run(title, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push([title, secs, r.status === 0 ? 'ok' : 'FAILED']);
  if (r.status !== 0) {
    summary();
    console.error(`✖ ${title} failed (exit ${r.status ?? r.signal}) after ${secs}s`);
    process.exit(1);
  }
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
if (stale()) run('install (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
if (existsSync('scripts/tools.mjs')) run('tools', process.execPath, ['scripts/tools.mjs']);
run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
run('build', process.execPath, ['esbuild.config.mjs']);

const want = (s) => only.length === 0 || only.includes(s);
const nodeTest = (files) => [process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', ...files]];
if (want('unit')) run('unit + conformance', ...nodeTest([...tests('test/unit'), ...tests('test/conformance')]));
if (want('peers')) run('peers (aws cli, moto)', ...nodeTest(tests('test/peers')));
if (want('integration') && existsSync('scripts/exthost.mjs')) run('extension host', process.execPath, ['scripts/exthost.mjs']);
if (want('e2e') && tests('test/e2e').length) run('browser e2e', ...nodeTest(tests('test/e2e')));
summary();
