// The extension's settings (`awsPrereqs.*`), read in one place with their defaults.
import * as vscode from 'vscode';

/** Settings as the engine host uses them. */
export interface Settings {
  checkTimeoutMs: number;
  autoCheckOnFileChange: boolean;
  terminalProfileInjection: boolean;
  networkChecks: boolean;
  /** Empty: follow AWS_PROFILE / the default profile. */
  activeProfile: string;
  /** VS Code's `http.proxy`, passed to the engine's AWS calls. */
  proxy: string | undefined;
}

/** Reads the current settings. */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('awsPrereqs');
  const timeout = c.get<number>('checkTimeoutMs', 5000);
  const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy', '');
  return {
    checkTimeoutMs: Number.isFinite(timeout) && timeout >= 500 ? Math.min(timeout, 120_000) : 5000,
    autoCheckOnFileChange: c.get<boolean>('autoCheckOnFileChange', true),
    terminalProfileInjection: c.get<boolean>('terminalProfileInjection', true),
    networkChecks: c.get<boolean>('networkChecks', true),
    activeProfile: (c.get<string>('activeProfile', '') ?? '').trim(),
    proxy: proxy ? proxy : undefined,
  };
}

/** Saves the active profile (user settings: it follows the person, not the workspace). */
export async function saveActiveProfile(name: string): Promise<void> {
  await vscode.workspace.getConfiguration('awsPrereqs').update('activeProfile', name, vscode.ConfigurationTarget.Global);
}
