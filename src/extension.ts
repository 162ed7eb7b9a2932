// Entry point: build the engine, register views and commands; nothing else.
import type * as vscode from 'vscode';

/** Called by VS Code when a view or command of ours is first used. */
export function activate(_context: vscode.ExtensionContext): void {
  // Filled by the vscode layer (src/vscode/).
}

/** Nothing to clean up beyond the context's subscriptions. */
export function deactivate(): void {}
