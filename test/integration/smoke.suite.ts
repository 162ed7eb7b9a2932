// Smoke: the extension is installed in a real VS Code, activates, and registers every command it contributes —
// whatever package.json contributes at the time. Also checks that the harness gave the host the test environment.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import pkg from '../../package.json';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

describe('smoke', () => {
  it('runs in the environment the harness prepared (fixture HOME and AWS files, moto endpoint)', () => {
    assert.ok(process.env.AWS_PREREQS_TEST_HOME, 'AWS_PREREQS_TEST_HOME is set by the harness');
    assert.equal(process.env.HOME, process.env.AWS_PREREQS_TEST_HOME);
    assert.ok(existsSync(process.env.AWS_CONFIG_FILE!), `AWS_CONFIG_FILE ${process.env.AWS_CONFIG_FILE} exists`);
    assert.ok(existsSync(process.env.AWS_SHARED_CREDENTIALS_FILE!), 'AWS_SHARED_CREDENTIALS_FILE exists');
    assert.match(process.env.AWS_ENDPOINT_URL_STS ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('is present in this VS Code', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded (vscode ${vscode.version})`);
  });

  it('activates without error and without loading the AWS SDK chunk', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.equal(ext.isActive, true);
    const sdkLoaded = Object.keys(require.cache).filter((p) => /[\\/]dist[\\/]sdk\.js$/.test(p));
    assert.deepEqual(sdkLoaded, [], 'activation must not load dist/sdk.js (the SDK is loaded on the first check)');
  });

  it('registers every command it contributes', async () => {
    const contributed = ((pkg as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], 'contributed commands with no handler after activation');
  });
});
