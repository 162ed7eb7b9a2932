// Entry point: build the engine host, register the views and commands; nothing else. Nothing here reads a file
// or loads the engine: the first resolve of the view (or the first command) does.
import * as vscode from 'vscode';
import { contextKeysFor } from './core/uiState';
import { AwsFileWatcher } from './vscode/awsFileWatcher';
import { registerCommands } from './vscode/commands';
import { ContextKeySetter } from './vscode/contextKeys';
import { AwsFileDiagnostics } from './vscode/diagnostics';
import { EngineHost } from './vscode/engineHost';
import { loadEngine } from './vscode/engineLoader';
import { Log } from './vscode/log';
import type { Services } from './vscode/services';
import { readSettings } from './vscode/settings';
import { ProfileStatusBar } from './vscode/statusBar';
import { STATUS_VIEW_ID, StatusTree } from './vscode/statusTree';
import { applyTerminalProfile } from './vscode/terminalProfile';

/** What activate() returns: the live objects, for the extension-host tests and the setup guide. */
export interface AwsPrereqsApi {
  host: EngineHost;
  tree: StatusTree;
  statusBar: ProfileStatusBar;
  diagnostics: AwsFileDiagnostics;
  watcher: AwsFileWatcher;
  contextKeys: ContextKeySetter;
}

/** Called by VS Code when a view or command of ours is first used. */
export function activate(context: vscode.ExtensionContext): AwsPrereqsApi {
  const log = new Log();
  context.subscriptions.push(log);
  const host = new EngineHost({ load: loadEngine, log, viewId: STATUS_VIEW_ID, settings: readSettings, env: () => process.env });
  const tree = new StatusTree(host);
  const treeView = vscode.window.createTreeView(STATUS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new ProfileStatusBar(host, () => tree.redraw());
  const diagnostics = new AwsFileDiagnostics(host);
  const watcher = new AwsFileWatcher(host, log, () => true);
  const contextKeys = new ContextKeySetter();
  context.subscriptions.push(host, tree, treeView, statusBar, diagnostics, watcher);

  const services: Services = { context, host, tree, treeView, log };
  context.subscriptions.push(...registerCommands(services));

  const syncUi = () => {
    void contextKeys.setAll(contextKeysFor(host.report, host.files ? host.hasAwsFiles : null, host.running));
    const s = readSettings();
    applyTerminalProfile(context.environmentVariableCollection, s.activeProfile, s.terminalProfileInjection);
    const f = host.files?.analysis.cli;
    if (f) log.setKnownSecrets(knownSecrets(f.profiles));
  };
  context.subscriptions.push(host.onDidChange((e) => e.profile === undefined && syncUi()));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('awsPrereqs.activeProfile') || e.affectsConfiguration('awsPrereqs.networkChecks') || e.affectsConfiguration('http.proxy')) {
        syncUi();
        if (host.report || host.running) void host.refresh();
      } else if (e.affectsConfiguration('awsPrereqs.terminalProfileInjection')) syncUi();
    }),
  );
  // The environment collection is applied at once: terminals opened before the view is shown get it too.
  const s = readSettings();
  applyTerminalProfile(context.environmentVariableCollection, s.activeProfile, s.terminalProfileInjection);
  return { host, tree, statusBar, diagnostics, watcher, contextKeys };
}

/** Secret values in the files (for log redaction); read from the parsed files, never logged. */
function knownSecrets(profiles: Record<string, { settings: Record<string, unknown> }>): string[] {
  const out: string[] = [];
  for (const p of Object.values(profiles)) {
    for (const k of ['aws_secret_access_key', 'aws_session_token', 'aws_security_token']) {
      const v = p.settings[k];
      if (typeof v === 'string') out.push(v);
    }
  }
  return out;
}

/** Nothing to clean up beyond the context's subscriptions. */
export function deactivate(): void {}
