// Activation cost, side by side in one run: a fresh Node process loads the minified extension bundle and runs
// activate() with a minimal stand-in for the `vscode` module; another loads an empty extension the same way.
// Runs alternate (ours, empty, ours, …) so machine noise hits both; medians and the difference are printed.
// Also prints the size of the minified activation bundle (target ≤ 150 KB) and checks that activation neither
// loads the AWS SDK chunk nor reads any file under the AWS folder.
//   node --import tsx bench/activation.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..');
const out = join(root, '.scratch', 'bench-activation');
mkdirSync(out, { recursive: true });
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;

// The shipped bundles: the same options as `esbuild.config.mjs --production` for these entries.
function bundle(entry: string, outfile: string): string {
  esbuild.buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    external: ['vscode', './sdk.js', './sdk'],
    logLevel: 'error',
  });
  return outfile;
}
const ours = bundle(join(root, 'src', 'extension.ts'), join(out, 'extension.js'));
// The deferred chunk (engine, writer, guide), loaded when the view first asks for rows: its load time is printed too.
const deferred = bundle(join(root, 'src', 'vscode', 'deferred.ts'), join(out, 'deferred.js'));
const empty = join(out, 'empty.js');
writeFileSync(empty, 'exports.activate=function(c){};exports.deactivate=function(){};\n');

// A stand-in for `vscode`: each namespace and class the extension uses is a callable, constructible stub, so
// activate() runs its real code paths (tree view, status bar, diagnostics, commands) at the cost of plain calls.
// Plain own properties, because the bundle copies the module's own keys (esbuild's namespace import).
const stub = join(out, 'vscodeStub.js');
writeFileSync(
  stub,
  `
const handler = {
  get(t, k) {
    if (k === 'then') return undefined;
    if (k === Symbol.toPrimitive) return () => '';
    // Settings answer with their defaults, as in a fresh VS Code.
    if (k === 'getConfiguration') return () => ({ get: (_key, d) => d, update: () => Promise.resolve() });
    return any;
  },
  apply() { return any; },
  construct() { return any; },
  set() { return true; },
  defineProperty() { return true; },
};
const any = new Proxy(function () {}, handler);
for (const name of ['window', 'workspace', 'commands', 'languages', 'env', 'extensions', 'Uri', 'EventEmitter', 'ThemeIcon',
  'ThemeColor', 'TreeItem', 'MarkdownString', 'Range', 'Position', 'Selection', 'Diagnostic', 'DiagnosticSeverity', 'CodeAction',
  'CodeActionKind', 'WorkspaceEdit', 'RelativePattern', 'StatusBarAlignment', 'TreeItemCollapsibleState', 'ConfigurationTarget',
  'ViewColumn', 'ProgressLocation', 'Disposable', 'version']) exports[name] = any;
// For the stand-in ExtensionContext's members.
Object.defineProperty(exports, 'stubValue', { value: any, enumerable: false });
`,
);

const child = join(out, 'child.js');
writeFileSync(
  child,
  `
const Module = require('module');
const fs = require('fs');
const stub = require(${JSON.stringify(stub)});
const origLoad = Module._load;
const loaded = [];
Module._load = function (req, parent, isMain) {
  if (req === 'vscode') return stub;
  if (/sdk(\\.js)?$/.test(req)) loaded.push(req);
  return origLoad.apply(this, arguments);
};
const reads = [];
for (const name of ['readFileSync', 'readFile', 'openSync', 'open', 'statSync', 'existsSync']) {
  const f = fs[name];
  fs[name] = function (p) { if (typeof p === 'string' && /[\\\\/]\\.aws([\\\\/]|$)/.test(p)) reads.push(name + ' ' + p); return f.apply(this, arguments); };
}
const ctx = { subscriptions: [], environmentVariableCollection: stub.stubValue, extensionUri: stub.stubValue, extensionPath: __dirname };
const t0 = process.hrtime.bigint();
const m = require(process.argv[2]);
const t1 = process.hrtime.bigint();
if (typeof m.activate === 'function') m.activate(ctx);
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ load: Number(t1 - t0) / 1e6, activate: Number(t2 - t1) / 1e6, sdk: loaded, reads, disposables: ctx.subscriptions.length }));
`,
);

function runOnce(file: string): { load: number; activate: number; sdk: string[]; reads: string[]; disposables: number } {
  const r = spawnSync(process.execPath, [child, file], { encoding: 'utf8', env: { ...process.env, HOME: out }, timeout: 20_000 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

runOnce(ours); // warm the OS file cache for both
runOnce(empty);
const a: number[] = [];
const b: number[] = [];
let last = runOnce(ours);
for (let i = 0; i < RUNS; i++) {
  last = runOnce(ours);
  a.push(last.load + last.activate);
  const e = runOnce(empty);
  b.push(e.load + e.activate);
}
const size = statSync(ours).size;
const ma = median(a);
const mb = median(b);
const min = (xs: number[]) => Math.min(...xs);
console.log(`activation bench (${RUNS} alternating runs, node ${process.version}, fresh process each, load average ${loadavg()[0]!.toFixed(1)})`);
console.log(`  bundle (minified dist/extension.js):      ${(size / 1024).toFixed(1)} KB   target ≤ 150 KB  ${size <= 150 * 1024 ? 'ok' : 'OVER'}`);
console.log(`  empty extension: require + activate()     ${mb.toFixed(2)} ms (median; min ${min(b).toFixed(2)})`);
console.log(`  AWS Prereqs:     require + activate()     ${ma.toFixed(2)} ms (median; min ${min(a).toFixed(2)}; last run: load ${last.load.toFixed(2)} + activate ${last.activate.toFixed(2)})`);
console.log(`  over empty:                               ${(ma - mb).toFixed(2)} ms   target ≤ 15 ms  ${ma - mb <= 15 ? 'ok' : 'OVER'}   ratio ${(ma / mb).toFixed(1)}×`);
console.log(`  disposables registered: ${last.disposables}; SDK chunk loaded: ${last.sdk.length ? last.sdk.join(', ') : 'no'}; AWS files touched: ${last.reads.length ? last.reads.join(', ') : 'none'}`);
const d = Array.from({ length: 7 }, () => runOnce(deferred).load);
console.log(`  later, on the view's first rows: the deferred chunk (${(statSync(deferred).size / 1024).toFixed(1)} KB) loads in ${median(d).toFixed(2)} ms (median of 7); the SDK chunk only on the first network check`);
if (last.sdk.length || last.reads.length) process.exitCode = 1;
