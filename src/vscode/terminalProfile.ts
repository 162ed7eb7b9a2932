// Gives VS Code's integrated terminals the chosen profile as AWS_PROFILE (setting
// `awsPrereqs.terminalProfileInjection` turns it off), so `aws` in a terminal uses what the sidebar shows.
import type * as vscode from 'vscode';

/** Applies (or clears) AWS_PROFILE in new terminals. */
export function applyTerminalProfile(collection: vscode.GlobalEnvironmentVariableCollection, profile: string, enabled: boolean): void {
  if (enabled && profile) {
    collection.replace('AWS_PROFILE', profile);
    collection.description = `AWS_PROFILE=${profile} (AWS Prereqs: the active profile)`;
  } else {
    collection.delete('AWS_PROFILE');
  }
}
