// Keeps what follows the report in step with it: context keys (views, menus, the walkthrough), AWS_PROFILE for
// new terminals, and the secrets the log must never print.
import * as vscode from 'vscode';
import { secretsInProfiles } from '../core/logRedaction';
import { contextKeysFor } from '../core/uiState';
import type { ContextKeySetter } from './contextKeys';
import type { EngineHost } from './engineHost';
import type { Log } from './log';
import { readSettings } from './settings';
import { applyTerminalProfile } from './terminalProfile';

/** Applies the current report and settings to context keys, the terminal environment and the log's redaction. */
export function syncUi(host: EngineHost, keys: ContextKeySetter, context: vscode.ExtensionContext, log: Log): void {
  void keys.setAll(contextKeysFor(host.report, host.files ? host.hasAwsFiles : null, host.running));
  const s = readSettings();
  applyTerminalProfile(context.environmentVariableCollection, s.activeProfile, s.terminalProfileInjection);
  const view = host.files?.analysis.cli;
  if (view) log.setKnownSecrets(secretsInProfiles(view.profiles));
}

/** Re-syncs on every report change and re-checks when a setting that changes the checks changes. */
export function watchUiInputs(host: EngineHost, keys: ContextKeySetter, context: vscode.ExtensionContext, log: Log): vscode.Disposable[] {
  const sync = () => syncUi(host, keys, context, log);
  return [
    // Every change, one profile's included: verifying the active profile (tree, guide) ticks the walkthrough.
    host.onDidChange(() => sync()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      const recheck = ['awsPrereqs.activeProfile', 'awsPrereqs.networkChecks', 'awsPrereqs.checkTimeoutMs', 'http.proxy'].some((k) => e.affectsConfiguration(k));
      if (recheck || e.affectsConfiguration('awsPrereqs.terminalProfileInjection')) sync();
      if (recheck && (host.report || host.running)) void host.refresh();
    }),
  ];
}
