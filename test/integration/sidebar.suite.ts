// The sidebar inside a real VS Code (code-server's extension host), against the fixture home the harness seeds
// (test/support/awsHome.ts: default = alice, healthy; wrong-secret = bob with a wrong secret; deploy = a role
// chain; sso-expired = an expired IAM Identity Center token) and moto with SigV4 enforced.
// Covers: tree contents in each state, commands, the status bar, context keys, live refresh after a file edit
// (and the time it takes, printed, not asserted), diagnostics and quick fixes, the no-files welcome state.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { TreeNode } from '../../src/core/statusTreeModel';
import { tooltipFor, walkTree } from '../../src/core/statusTreeModel';
import type { AwsPrereqsApi } from '../../src/extension';
import { DEBOUNCE_MS } from '../../src/vscode/awsFileWatcher';
import { startSsoFake } from '../support/ssoFake';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

/** Resolves when `pred()` holds, checked now and after each host change; fails after `ms`. */
function until(api: AwsPrereqsApi, pred: () => boolean, what: string, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (pred()) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      poll && clearInterval(poll);
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const done = () => {
      if (!pred()) return;
      clearTimeout(timer);
      clearInterval(poll);
      sub.dispose();
      resolve();
    };
    const sub = api.host.onDidChange(done);
    // Some state (diagnostics, settings) changes without a host event.
    const poll = setInterval(done, 50);
  });
}

const nodes = (api: AwsPrereqsApi) => walkTree(api.tree.nodes());
const profileNode = (api: AwsPrereqsApi, name: string) => nodes(api).find((n) => n.type === 'profile' && n.profile === name);
const problemCodes = (n: TreeNode | undefined) => (n?.children ?? []).filter((c) => c.type === 'problem').map((c) => c.problem!.code);

/** Replaces a file the way editors do: write a temp file, rename it over the original. */
function replaceFile(path: string, text: string): void {
  writeFileSync(`${path}.tmp-edit`, text, { mode: 0o600 });
  renameSync(`${path}.tmp-edit`, path);
}

describe('sidebar', function () {
  this.timeout(60_000);
  const configFile = process.env.AWS_CONFIG_FILE!;
  const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!;
  let originalConfig = '';
  let originalCredentials = '';
  let api: AwsPrereqsApi;

  before(async () => {
    originalConfig = readFileSync(configFile, 'utf8');
    originalCredentials = readFileSync(credentialsFile, 'utf8');
    const ext = vscode.extensions.getExtension<AwsPrereqsApi>(EXTENSION_ID)!;
    api = await ext.activate();
    // Opening the view is what starts the first check in real use.
    await vscode.commands.executeCommand('workbench.view.extension.awsPrereqs');
    await api.host.start();
    await until(api, () => !!api.host.report && !api.host.running, 'the first check');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('awsPrereqs').update('activeProfile', undefined, vscode.ConfigurationTarget.Global);
    replaceFile(configFile, originalConfig);
    replaceFile(credentialsFile, originalCredentials);
  });

  it('shows the four steps, each with a status look and a short reason', () => {
    const top = api.tree.nodes();
    assert.deepEqual(top.map((n) => n.label), ['AWS account', 'Credentials', 'Security', 'AWS CLI v2']);
    for (const n of top) {
      assert.ok(n.look && n.look !== 'running', `${n.label} has a verdict`);
      assert.ok(n.description.length > 0, `${n.label} has a reason`);
    }
    assert.equal(top[0]!.look, 'pass', `account confirmed: ${top[0]!.description}`);
  });

  it('lists every profile under credentials with kind, identity or problem, and file:line', () => {
    const creds = api.tree.nodes()[1]!;
    const names = creds.children.filter((c) => c.type === 'profile').map((c) => c.label).sort();
    assert.deepEqual(names, ['default', 'deploy', 'sso-expired', 'wrong-secret']);

    // alice's key is long-term and on disk: verified, with the long-term-key warning.
    const ok = profileNode(api, 'default')!;
    assert.equal(ok.look, 'warn');
    assert.deepEqual(problemCodes(ok), ['long-term-key']);
    assert.match(ok.description, /^active · access keys · \d{12}$/);
    assert.match(ok.arn ?? '', /:user\/alice$/);
    assert.ok(ok.children.some((c) => c.label === 'Defined in' && /\.aws\/(config|credentials):\d+$/.test(c.description)));

    const bad = profileNode(api, 'wrong-secret')!;
    assert.equal(bad.look, 'fail');
    assert.ok(problemCodes(bad).includes('signature-mismatch'), problemCodes(bad).join());
    assert.match(bad.contextValue, /^profile;failed;/);

    const role = profileNode(api, 'deploy')!;
    assert.ok(role.look === 'pass' || role.look === 'warn', role.description);
    assert.match(role.arn ?? '', /:assumed-role\/deploy\//);

    const sso = profileNode(api, 'sso-expired')!;
    assert.equal(sso.look, 'fail');
    assert.ok(problemCodes(sso).includes('sso-token-expired'), problemCodes(sso).join());
    assert.match(sso.contextValue, /;sso;/);
  });

  it('maps nodes to TreeItems with icons, context values, accessibility labels and lazy Markdown tooltips', async () => {
    const bad = profileNode(api, 'wrong-secret')!;
    const item = api.tree.getTreeItem(bad);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(item.contextValue, bad.contextValue);
    assert.match(item.accessibilityInformation!.label, /^failed\. Profile wrong-secret/);
    assert.equal(item.tooltip, undefined, 'tooltip built only on hover');
    const resolved = api.tree.resolveTreeItem(item, bad);
    assert.ok(resolved.tooltip instanceof vscode.MarkdownString);
    assert.match((resolved.tooltip as vscode.MarkdownString).value, /secret access key/i);
  });

  it('never shows a secret in the tree, its tooltips or the status bar', () => {
    const secrets = [...`${originalCredentials}`.matchAll(/aws_secret_access_key\s*=\s*(\S+)/g)].map((m) => m[1]!);
    assert.ok(secrets.length >= 2);
    const shown = nodes(api).map((n) => `${n.label} ${n.description} ${n.ariaLabel} ${tooltipFor(n)}`).join('\n') + api.statusBar.text;
    for (const s of secrets) assert.ok(!shown.includes(s), 'a secret access key is on screen');
  });

  it('shows the active profile in the status bar and sets the walkthrough context keys', () => {
    assert.match(api.statusBar.text, /^\$\(warning\) AWS: default$/);
    assert.equal(api.contextKeys.get('hasAwsFiles'), true);
    assert.equal(api.contextKeys.get('credentialsVerified'), true);
    assert.equal(api.contextKeys.get('accountConfirmed'), true);
    assert.equal(api.contextKeys.get('notRootUser'), true);
    assert.equal(typeof api.contextKeys.get('cliV2Installed'), 'boolean');
  });

  it('copies the account ID and ARN of a profile', async () => {
    const ok = profileNode(api, 'default')!;
    await vscode.commands.executeCommand('awsPrereqs.copyArn', ok);
    assert.equal(await vscode.env.clipboard.readText(), ok.arn);
    await vscode.commands.executeCommand('awsPrereqs.copyAccountId', ok);
    assert.equal(await vscode.env.clipboard.readText(), ok.accountId);
  });

  it('opens a profile in its file at its line', async () => {
    const row = profileNode(api, 'deploy')!.children.find((c) => c.label === 'Defined in')!;
    await vscode.commands.executeCommand('awsPrereqs.openAtLine', row);
    const ed = vscode.window.activeTextEditor!;
    assert.equal(ed.document.uri.fsPath, row.source!.file);
    assert.equal(ed.selection.active.line, row.source!.line - 1);
    assert.match(ed.document.lineAt(row.source!.line - 1).text, /\[profile deploy\]/);
    assert.equal(ed.document.languageId, 'ini', 'the AWS files open as INI');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('verifies one profile without re-checking the others', async () => {
    const before = api.host.report!.profiles;
    const check = await api.host.checkProfile('wrong-secret');
    assert.equal(check?.status, 'error');
    const after = api.host.report!.profiles;
    for (const name of ['default', 'deploy', 'sso-expired']) {
      assert.equal(after.find((p) => p.name === name), before.find((p) => p.name === name), `${name} kept as it was`);
    }
    assert.notEqual(after.find((p) => p.name === 'wrong-secret'), before.find((p) => p.name === 'wrong-secret'));
  });

  it('uses a profile as the active one: tree, status bar and steps follow', async () => {
    await vscode.commands.executeCommand('awsPrereqs.useProfile', profileNode(api, 'deploy'));
    await until(api, () => api.host.report?.activeProfile === 'deploy' && !api.host.running, 'deploy to become active');
    await api.host.whenIdle();
    assert.match(api.statusBar.text, /AWS: deploy/);
    assert.match(profileNode(api, 'deploy')!.contextValue, /;active;$/);
    await vscode.workspace.getConfiguration('awsPrereqs').update('activeProfile', undefined, vscode.ConfigurationTarget.Global);
    await until(api, () => api.host.report?.activeProfile === 'default' && !api.host.running, 'default to be active again');
    await api.host.whenIdle();
  });

  it('refreshes live after a file edit, re-checking only the profile that changed', async () => {
    await api.host.whenIdle();
    // VS Code starts a watcher outside the workspace asynchronously: touch the file until one event arrives.
    const armed = Date.now();
    for (let i = 0; i < 40 && api.watcher.lastEventAt < armed; i++) {
      replaceFile(credentialsFile, originalCredentials);
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(api.watcher.lastEventAt >= armed, 'the file watcher reports changes');
    await new Promise((r) => setTimeout(r, 200));
    await api.host.whenIdle();
    const before = api.host.report!.profiles;
    const alice = /\[default\]\naws_access_key_id = (\S+)\naws_secret_access_key = (\S+)/.exec(originalCredentials)!;
    // Five edits, one new profile each: file replaced → profile listed in the tree → verified by STS.
    const listed: number[] = [];
    const verified: number[] = [];
    const ours: number[] = [];
    let text = originalCredentials;
    for (let i = 1; i <= 5; i++) {
      const name = `live${i}`;
      await api.host.whenIdle();
      await new Promise((r) => setTimeout(r, 100));
      text += `\n[${name}]\naws_access_key_id = ${alice[1]}\naws_secret_access_key = ${alice[2]}\n`;
      let listedAt = 0;
      const sub = api.host.onDidChange(() => {
        if (!listedAt && profileNode(api, name)) listedAt = Date.now();
      });
      const t0 = Date.now();
      replaceFile(credentialsFile, text);
      try {
        await until(api, () => !!profileNode(api, name)?.arn, `profile ${name} to be verified`);
      } finally {
        sub.dispose();
      }
      listed.push(listedAt - t0);
      verified.push(Date.now() - t0);
      ours.push(listedAt - api.watcher.lastEventAt);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `[exthost-test]       live refresh (5 edits): file replaced → profile in the tree median ${med(listed)} ms (max ${Math.max(...listed)}; ` +
        `of which after the watcher event ${med(ours)} ms incl. ${DEBOUNCE_MS} ms debounce), verified by STS median ${med(verified)} ms; target ≤ 150 ms to the tree`,
    );
    const after = api.host.report!.profiles;
    for (const name of ['default', 'deploy', 'sso-expired', 'wrong-secret']) {
      assert.equal(after.find((p) => p.name === name), before.find((p) => p.name === name), `${name} was not re-checked`);
    }
  });

  it('shows file problems in the Problems panel with a quick fix that applies the engine edit', async () => {
    replaceFile(configFile, `${originalConfig}\n[profile commented]\nregion = us-east-1 # prod\n`);
    const uri = vscode.Uri.file(configFile);
    await until(api, () => api.diagnostics.forFile(configFile).some((d) => d.code === 'reading-differs'), 'a reading-differs diagnostic');
    const d = api.diagnostics.forFile(configFile).find((x) => x.code === 'reading-differs')!;
    assert.equal(d.source, 'AWS Prereqs');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // An earlier test opened this file: VS Code syncs the document with the replaced file on its own schedule.
    await until(api, () => doc.getText() === readFileSync(configFile, 'utf8'), 'the editor to show the file as on disk');
    assert.match(doc.lineAt(d.range.start.line).text, /# prod/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Move the comment to its own line');
    assert.ok(fix?.edit, `quick fix offered (got: ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await doc.save();
    assert.match(readFileSync(configFile, 'utf8'), /\[profile commented\]\n# prod\nregion = us-east-1\n$/);
    await until(api, () => !api.diagnostics.forFile(configFile).some((x) => x.code === 'reading-differs'), 'the diagnostic to go away');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('applies a fix from the tree to the file on disk', async () => {
    replaceFile(configFile, `${originalConfig}\n[profile commented2]\nregion = us-east-1 # prod\n`);
    await until(api, () => problemCodes(profileNode(api, 'commented2')).includes('reading-differs'), 'the tree to show the problem');
    const node = profileNode(api, 'commented2')!.children.find((c) => c.problem?.code === 'reading-differs')!;
    assert.match(node.contextValue, /;fixable;/);
    await vscode.commands.executeCommand('awsPrereqs.applyFix', node);
    assert.match(readFileSync(configFile, 'utf8'), /\[profile commented2\]\n# prod\nregion = us-east-1\n$/);
    await until(api, () => !problemCodes(profileNode(api, 'commented2')).includes('reading-differs'), 'the problem to go away');
  });

  it('fixes a credentials file readable by others (a fix that runs a command)', async () => {
    chmodSync(credentialsFile, 0o644);
    const perm = () => nodes(api).find((n) => n.problem?.code === 'insecure-permissions');
    await until(api, () => !!perm(), 'the insecure-permissions problem');
    const node = perm()!;
    assert.match(node.contextValue, /;fixable;/);
    await vscode.commands.executeCommand('awsPrereqs.applyFix', node);
    assert.equal(statSync(credentialsFile).mode & 0o777, 0o600);
    await until(api, () => !perm(), 'the problem to go away');
  });

  it('signs an IAM Identity Center profile in within the editor (device code, the fake), and it turns ok', async () => {
    // The wire-level fake of SSO-OIDC and the portal (no real peer exists), in this process; GetRoleCredentials
    // hands out alice's real moto key, so the profile's STS check passes with SigV4 on.
    const alice = /\[default\]\naws_access_key_id = (\S+)\naws_secret_access_key = (\S+)/.exec(originalCredentials)!;
    const fake = await startSsoFake({
      approveAfterPolls: 0,
      accounts: [{ accountId: '123456789012', accountName: 'Sandbox', emailAddress: 'sandbox@example.com', roles: ['ReadOnly'] }],
      roleCredentials: (_a, r) => (r === 'ReadOnly' ? { accessKeyId: alice[1]!, secretAccessKey: alice[2]! } : null),
    });
    const saved = { oidc: process.env.AWS_ENDPOINT_URL_SSO_OIDC, portal: process.env.AWS_ENDPOINT_URL_SSO };
    const cache = join(process.env.HOME!, '.aws', 'sso', 'cache', `${createHash('sha1').update('demo-sso').digest('hex')}.json`);
    const expired = readFileSync(cache, 'utf8');
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = fake.url;
    process.env.AWS_ENDPOINT_URL_SSO = fake.url;
    const before = new Set(vscode.window.terminals);
    try {
      assert.equal(profileNode(api, 'sso-expired')!.look, 'fail');
      await vscode.commands.executeCommand('awsPrereqs.signIn', profileNode(api, 'sso-expired'));
      assert.equal(vscode.window.terminals.filter((x) => !before.has(x)).length, 0, 'no terminal: no `aws` on PATH is used');
      const token = JSON.parse(readFileSync(cache, 'utf8')) as { accessToken: string; clientId?: string };
      assert.ok(fake.issuedTokens().includes(token.accessToken), 'the token cache holds the issued token');
      assert.ok(token.clientId, 'written with the registration, as the CLI writes it');
      await until(api, () => profileNode(api, 'sso-expired')?.look === 'pass', 'sso-expired to turn ok').catch((e: Error) => {
        const n = profileNode(api, 'sso-expired');
        throw new Error(`${e.message}; it is ${n?.look}: ${n?.children.filter((c) => c.type === 'problem').map((c) => c.problem!.message).join(' | ')}`);
      });
      assert.match(profileNode(api, 'sso-expired')!.arn ?? '', /:user\/alice$/);
    } finally {
      process.env.AWS_ENDPOINT_URL_SSO_OIDC = saved.oidc;
      process.env.AWS_ENDPOINT_URL_SSO = saved.portal;
      if (saved.oidc === undefined) delete process.env.AWS_ENDPOINT_URL_SSO_OIDC;
      if (saved.portal === undefined) delete process.env.AWS_ENDPOINT_URL_SSO;
      writeFileSync(cache, expired, { mode: 0o600 });
      await fake.close();
    }
  });

  it('signs a console-login profile in with `aws login` in a terminal', async () => {
    replaceFile(configFile, `${originalConfig}\n[profile console]\nlogin_session = arn:aws:iam::123456789012:user/alice\nregion = us-east-1\n`);
    await until(api, () => api.host.report?.profiles.find((p) => p.name === 'console')?.kind === 'console-login', 'the console profile');
    const before = new Set(vscode.window.terminals);
    await vscode.commands.executeCommand('awsPrereqs.signIn', profileNode(api, 'console'));
    const t = vscode.window.terminals.find((x) => !before.has(x));
    assert.ok(t, 'a terminal was opened');
    assert.equal(t.name, 'AWS sign-in: console');
    t.dispose();
    replaceFile(configFile, originalConfig);
  });

  it('with no AWS files, the tree is empty so the welcome content shows', async () => {
    const saved = { c: process.env.AWS_CONFIG_FILE, k: process.env.AWS_SHARED_CREDENTIALS_FILE };
    process.env.AWS_CONFIG_FILE = `${configFile}.missing`;
    process.env.AWS_SHARED_CREDENTIALS_FILE = `${credentialsFile}.missing`;
    try {
      await api.host.whenIdle();
      await api.host.refresh();
      await api.host.whenIdle();
      assert.deepEqual(api.tree.getChildren(), []);
      assert.equal(api.contextKeys.get('hasAwsFiles'), false);
    } finally {
      process.env.AWS_CONFIG_FILE = saved.c;
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.k;
      await api.host.refresh();
      await api.host.whenIdle();
    }
    assert.equal(api.tree.getChildren().length, 4);
  });
});
