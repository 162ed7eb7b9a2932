// The setup guide and the walkthrough inside a real VS Code (code-server's extension host), against the
// harness's fixture home (default = alice, healthy, in moto with SigV4 enforced): the command opens one
// guide panel (also on a path's page), and every walkthrough step completes from a context key the
// extension really sets from the checks — not from a click.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';
import type { AwsPrereqsApi } from '../../src/extension';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

interface WalkStep {
  id: string;
  title: string;
  description: string;
  when?: string;
  media: { svg?: string; markdown?: string; image?: string; altText?: string };
  completionEvents: string[];
}

const guideTabs = () =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('awsPrereqs.setupGuide'));

async function waitFor(pred: () => boolean, what: string, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('setup guide and walkthrough', function () {
  this.timeout(60_000);
  let api: AwsPrereqsApi;
  let ext: vscode.Extension<AwsPrereqsApi>;

  before(async () => {
    ext = vscode.extensions.getExtension<AwsPrereqsApi>(EXTENSION_ID)!;
    api = await ext.activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the command opens one setup guide panel, and again reveals the same one (also on a given page)', async () => {
    await vscode.commands.executeCommand('awsPrereqs.openSetupGuide');
    await waitFor(() => guideTabs().length === 1, 'the guide tab');
    assert.equal(guideTabs()[0]!.label, 'AWS Setup Guide');
    await vscode.commands.executeCommand('awsPrereqs.openSetupGuide', 'keys');
    await vscode.commands.executeCommand('awsPrereqs.openSetupGuide', 'not-a-page');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(guideTabs().length, 1);
  });

  it('is listed in the palette under AWS Prereqs', () => {
    const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === 'awsPrereqs.openSetupGuide');
    assert.ok(cmd);
    assert.equal(cmd.category, 'AWS Prereqs');
  });

  it('every walkthrough step completes from a context key the extension sets from the checks', async () => {
    const walk = (pkg.contributes as unknown as { walkthroughs: { id: string; steps: WalkStep[] }[] }).walkthroughs[0]!;
    const keys = new Set<string>();
    for (const s of walk.steps) {
      assert.equal(s.completionEvents.length, 1, s.id);
      const m = /^onContext:awsPrereqs\.(\w+)$/.exec(s.completionEvents[0]!);
      assert.ok(m, `${s.id} completes onContext:awsPrereqs.*, not on a click (${s.completionEvents[0]})`);
      keys.add(m[1]!);
    }
    await api.host.refresh();
    await waitFor(() => api.contextKeys.get('credentialsVerified') !== undefined, 'context keys after a check');
    for (const k of keys) assert.equal(typeof api.contextKeys.get(k), 'boolean', `context key awsPrereqs.${k} is set by the extension`);
    // The fixture's default profile is alice, a healthy IAM user in moto: these steps are done.
    assert.equal(api.contextKeys.get('hasAwsFiles'), true);
    assert.equal(api.contextKeys.get('credentialsVerified'), true);
    assert.equal(api.contextKeys.get('accountConfirmed'), true);
    assert.equal(api.contextKeys.get('notRootUser'), true);
    // The CLI step follows the aws first on PATH, whatever it is here.
    const first = api.host.report!.cliInstalls[0];
    assert.equal(api.contextKeys.get('cliV2Installed'), first?.major === 2);
  });

  it('walkthrough media exist with alt text, and the walkthrough opens', async () => {
    const walk = (pkg.contributes as unknown as { walkthroughs: { id: string; steps: WalkStep[] }[] }).walkthroughs[0]!;
    for (const s of walk.steps) {
      const file = s.media.svg ?? s.media.markdown ?? s.media.image;
      assert.ok(file, s.id);
      const path = join(ext.extensionPath, file);
      assert.ok(existsSync(path), `${file} exists`);
      if (s.media.svg) {
        assert.ok(s.media.altText && s.media.altText.length > 20, `${s.id} has alt text`);
        const svg = readFileSync(path, 'utf8');
        assert.match(svg, /<title[^>]*>[^<]+<\/title>/);
        assert.match(svg, /var\(--vscode-/, `${file} is themeable`);
        assert.doesNotMatch(svg, /#[0-9a-f]{3,6}\b/i, `${file} uses no fixed colours`);
      }
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walk.id}`, false);
  });
});
