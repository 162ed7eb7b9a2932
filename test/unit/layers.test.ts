// The layer rule, checked rather than hoped for: core is pure, only src/vscode touches `vscode`,
// the webview touches neither node nor vscode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file imports or requires (static, dynamic, type-only). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const re = /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
  return out;
}

const NODE_BUILTINS = new Set(require('node:module').builtinModules as string[]);
const isNodeBuiltin = (s: string) => s.startsWith('node:') || NODE_BUILTINS.has(s.split('/')[0]!);

test('core imports neither vscode, node built-ins, nor packages', () => {
  const bad: string[] = [];
  for (const f of files(join(src, 'core'))) {
    for (const s of specifiers(readFileSync(f, 'utf8'))) {
      if (s === 'vscode' || isNodeBuiltin(s) || !s.startsWith('.')) bad.push(`${relative(root, f)} imports ${s}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('only src/vscode (and extension.ts) import vscode', () => {
  const bad: string[] = [];
  for (const f of files(src)) {
    const rel = relative(src, f);
    if (rel.startsWith('vscode') || rel === 'extension.ts') continue;
    for (const s of specifiers(readFileSync(f, 'utf8'))) if (s === 'vscode') bad.push(`${rel} imports vscode`);
  }
  assert.deepEqual(bad, []);
});

test('the webview imports neither vscode nor node', () => {
  const bad: string[] = [];
  for (const f of files(join(src, 'webview'))) {
    for (const s of specifiers(readFileSync(f, 'utf8'))) {
      if (s === 'vscode' || isNodeBuiltin(s) || (s.startsWith('.') && /\/(node|vscode|core)\//.test(s))) bad.push(`${relative(root, f)} imports ${s}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the activation chunk never imports the AWS SDK statically', () => {
  const bad: string[] = [];
  for (const f of files(src)) {
    const rel = relative(src, f);
    if (rel === join('node', 'sdk.ts') || rel.startsWith(join('node', 'sdk')) ) continue;
    for (const s of specifiers(readFileSync(f, 'utf8'))) if (s.startsWith('@aws-sdk/') || s.startsWith('@smithy/')) bad.push(`${rel} imports ${s}`);
  }
  assert.deepEqual(bad, []);
});

test('the layer check sees every import form (it can fail)', () => {
  const text = `import * as a from 'vscode';\nimport type { B } from "node:fs";\nconst c = require('os');\nconst d = await import('@aws-sdk/client-sts');\nimport 'side';\nexport { x } from './y';`;
  assert.deepEqual(specifiers(text), ['vscode', 'node:fs', '@aws-sdk/client-sts', 'side', './y', 'os'].sort((a, b) => text.indexOf(a) - text.indexOf(b)));
});
