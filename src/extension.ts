// Entry point: build the engine host, register the views and commands; nothing else. Nothing here reads a file
// or loads the engine: the first resolve of the view (or the first command) does.
import * as vscode from 'vscode';
import { AwsFileWatcher } from './vscode/awsFileWatcher';
import { registerCommands } from './vscode/commands';
import { ContextKeySetter } from './vscode/contextKeys';
import { AwsFileDiagnostics } from './vscode/diagnostics';
import { EngineHost } from './vscode/engineHost';
import { loadEngine } from './vscode/engineLoader';
import { Log } from './vscode/log';
import { askMfaCode } from './vscode/mfaPrompt';
import type { Services } from './vscode/services';
import { readSettings } from './vscode/settings';
import { ProfileStatusBar } from './vscode/statusBar';
import { STATUS_VIEW_ID, StatusTree } from './vscode/statusTree';
import { syncUi, watchUiInputs } from './vscode/uiSync';

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
  const host = new EngineHost({ load: loadEngine, log, viewId: STATUS_VIEW_ID, settings: readSettings, env: () => process.env, mfaCode: askMfaCode });
  const tree = new StatusTree(host);
  const treeView = vscode.window.createTreeView(STATUS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new ProfileStatusBar(host, () => tree.redraw());
  const diagnostics = new AwsFileDiagnostics(host);
  const watcher = new AwsFileWatcher(host, log);
  const contextKeys = new ContextKeySetter();
  context.subscriptions.push(log, host, tree, treeView, statusBar, diagnostics, watcher);

  const services: Services = { context, host, tree, treeView, log };
  context.subscriptions.push(...registerCommands(services), ...watchUiInputs(host, contextKeys, context, log));
  // Terminals opened before the view is shown get AWS_PROFILE too; reads settings only, no file.
  syncUi(host, contextKeys, context, log);
  return { host, tree, statusBar, diagnostics, watcher, contextKeys };
}

/** Nothing to clean up beyond the context's subscriptions. */
export function deactivate(): void {}
