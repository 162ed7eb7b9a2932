// Bundles: the extension (activation chunk), the deferred chunk (engine, writer, guide: loaded on first use),
// the AWS SDK chunk (loaded on the first check),
// the terminal front, the setup-guide webview, and the extension-host test suite.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  // The SDK chunk is loaded at run time by path, never bundled into the activation chunk.
  external: ['vscode', './sdk.js', './sdk'],
};

const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { sdk: 'src/node/sdk.ts' }, outdir: 'dist' },
  // The deferred chunk (engine, file writer, setup guide): loaded when the view is first shown or a command runs.
  { ...node, entryPoints: { deferred: 'src/vscode/deferred.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    metafile: true,
    logLevel: 'warning',
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
  },
];
if (!production) {
  builds.push({ ...node, entryPoints: { index: 'test/integration/index.ts' }, outdir: 'out/test', external: ['vscode', 'mocha'] });
}

mkdirSync('dist', { recursive: true });
const present = (await import('node:fs')).existsSync;
const active = builds.filter((b) => Object.values(b.entryPoints).every((p) => present(p)));
if (watch) {
  for (const b of active) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(active.map((b) => esbuild.build(b)));
  const metafile = { inputs: {}, outputs: {} };
  for (const r of results) {
    Object.assign(metafile.inputs, r.metafile.inputs);
    Object.assign(metafile.outputs, r.metafile.outputs);
  }
  writeFileSync('dist/meta.json', JSON.stringify(metafile));
  for (const [out, info] of Object.entries(metafile.outputs)) {
    if (out.endsWith('.js')) console.log(`${out.padEnd(28)} ${(info.bytes / 1024).toFixed(1)} KB`);
  }
}
