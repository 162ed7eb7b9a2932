#!/usr/bin/env node
// The same extension-host suite (out/test/index.js) under @vscode/test-electron, for machines that can download
// desktop VS Code (a developer laptop). Offline machines use scripts/exthost.mjs (code-server) instead.
// Same fixture world: moto with SigV4 enforced, a seeded HOME, endpoints pointed at moto.
//   npm run test:electron [-- --version 1.99.0]
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { loadTs } from './loadTs.mjs';

const { scratchDir, REPO_ROOT } = await loadTs('../test/support/codeServer.ts');
const { startMoto } = await loadTs('../test/support/moto.ts');
const { seedAwsHome } = await loadTs('../test/support/awsHome.ts');

const argv = process.argv.slice(2);
const version = argv.includes('--version') ? argv[argv.indexOf('--version') + 1] : 'stable';
const testsEntry = join(REPO_ROOT, 'out', 'test', 'index.js');
if (!existsSync(testsEntry)) {
  console.error(`electron: ${testsEntry} is missing — build first (node esbuild.config.mjs)`);
  process.exit(1);
}
// VS Code inherits this process's env: the developer's own AWS settings must not reach the suite.
for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
const moto = await startMoto({ auth: true });
const root = scratchDir('electron');
let code = 1;
try {
  const seeded = await seedAwsHome(moto, join(root, 'home'));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  code = await runTests({
    version,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: testsEntry,
    extensionTestsEnv: {
      ...seeded.env,
      AWS_PREREQS_TEST_ADMIN: JSON.stringify({ accessKeyId: moto.admin.accessKeyId, secretAccessKey: moto.admin.secretAccessKey }),
    },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(root, 'user-data'), '--extensions-dir', join(root, 'extensions')],
  });
} catch (e) {
  console.error(`electron: ${e instanceof Error ? e.message : e}`);
  code = 1;
} finally {
  await moto.stop();
  rmSync(root, { recursive: true, force: true });
}
process.exit(code);
