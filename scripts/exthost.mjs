#!/usr/bin/env node
// The extension-host integration run: mocha inside a real VS Code (code-server 1.139) against the built extension.
// Starts moto (SigV4 enforced) with real IAM users, seeds a fixture HOME with AWS files, starts code-server with the
// smoke-test driver, opens the payload URL (extensionDevelopmentPath + extensionTestsPath) in headless Chromium,
// relays mocha's output and exits with the suite's code (window.codeAutomationExit). Bounded in time; everything
// it started is stopped by process group, pass or fail.
//   node scripts/exthost.mjs [--grep PATTERN] [--timeout SECONDS] [--verbose]
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadTs } from './loadTs.mjs';

const root = join(import.meta.dirname, '..');
const { startCodeServer, codeServerMissing, scratchDir, REPO_ROOT } = await loadTs('../test/support/codeServer.ts');
const { launchBrowser, consoleText } = await loadTs('../test/support/workbench.ts');
const { startMoto } = await loadTs('../test/support/moto.ts');
const { seedAwsHome } = await loadTs('../test/support/awsHome.ts');

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const verbose = argv.includes('--verbose');
const grep = opt('--grep') ?? process.env.AWS_PREREQS_TEST_GREP;
// Mirrors test/integration/index.ts: mocha's lines carry this prefix in the workbench console.
const OUTPUT_PREFIX = '[exthost-test] ';
const limitMs = Number(opt('--timeout') ?? process.env.AWS_PREREQS_EXTHOST_TIMEOUT ?? 240) * 1000;
const t0 = Date.now();
const log = (m) => console.log(`exthost: ${m}`);

const testsEntry = join(root, 'out', 'test', 'index.js');
if (!existsSync(testsEntry)) {
  console.error(`exthost: ${testsEntry} is missing — build first (node esbuild.config.mjs)`);
  process.exit(1);
}
const missing = codeServerMissing();
if (missing) {
  console.error(`exthost: code-server is not installed: ${missing}`);
  process.exit(1);
}

const started = [];
let exitCode = 1;
const watchdog = setTimeout(() => {
  console.error(`exthost: no result within ${limitMs / 1000}s — stopping everything`);
  if (cs) console.error(`--- code-server log (tail) ---\n${cs.log().slice(-3000)}`);
  finish(1);
}, limitMs);

let finishing = false;
async function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(watchdog);
  for (const s of started.reverse()) await s().catch((e) => console.error(`exthost: cleanup: ${e.message}`));
  log(`${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  process.exit(code);
}
process.on('SIGINT', () => finish(130));
process.on('SIGTERM', () => finish(143));

let cs;
try {
  const moto = await startMoto({ auth: true });
  started.push(() => moto.stop());
  const fixtureRoot = scratchDir('exthost');
  started.push(async () => {
    if (process.env.AWS_PREREQS_KEEP_SCRATCH !== '1') (await import('node:fs')).rmSync(fixtureRoot, { recursive: true, force: true });
  });
  const home = join(fixtureRoot, 'home');
  const workspace = join(fixtureRoot, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const seeded = await seedAwsHome(moto, home);
  log(`moto ${moto.endpoint}, home ${home}`);

  cs = await startCodeServer({
    name: 'exthost-cs',
    extension: 'none',
    smokeTestDriver: true,
    home,
    folder: workspace,
    env: {
      ...seeded.env,
      AWS_PREREQS_TEST_ADMIN: JSON.stringify({ accessKeyId: moto.admin.accessKeyId, secretAccessKey: moto.admin.secretAccessKey }),
      // code-server gets no AWS_* variable of this shell; these two are passed on deliberately.
      ...(grep ? { AWS_PREREQS_TEST_GREP: grep } : {}),
      ...(process.env.AWS_PREREQS_TEST_TIMEOUT_MS ? { AWS_PREREQS_TEST_TIMEOUT_MS: process.env.AWS_PREREQS_TEST_TIMEOUT_MS } : {}),
    },
    verbose,
  });
  started.push(() => cs.stop());
  log(`code-server ${cs.url} (pid ${cs.pid}) ready after ${((Date.now() - t0) / 1000).toFixed(1)}s`);

  const browser = await launchBrowser();
  started.push(() => browser.close());
  const page = await browser.newPage();
  const result = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))));
  // Mocha prints from the extension host; the workbench forwards it to the browser console.
  page.on('console', async (m) => {
    const text = await consoleText(m).catch(() => m.text());
    const at = text.indexOf(OUTPUT_PREFIX);
    if (at >= 0) for (const line of text.slice(at + OUTPUT_PREFIX.length).split('\n')) console.log(line);
    else if (verbose) console.log(`[workbench] ${text}`);
  });
  page.on('pageerror', (e) => verbose && console.error(`page error: ${e.message}`));
  const url = cs.workbenchUrl({
    payload: [
      ['extensionDevelopmentPath', cs.remoteUri(REPO_ROOT)],
      ['extensionTestsPath', cs.remoteUri(testsEntry.replace(/\.js$/, ''))],
    ],
  });
  await page.goto(url, { timeout: 30_000 });
  exitCode = await result;
} catch (e) {
  console.error(`exthost: ${e instanceof Error ? e.stack : e}`);
  if (cs) console.error(`--- code-server log (tail) ---\n${cs.log().slice(-3000)}`);
  exitCode = 1;
}
await finish(exitCode);
