// Context keys (`awsPrereqs.*`) drive viewsWelcome, menus and the walkthrough; set only when a value changes,
// because each setContext is a round trip to the renderer.
import * as vscode from 'vscode';
import type { ContextKeys } from '../core/uiState';

/** Sets `awsPrereqs.<key>` context keys, skipping values that did not change. */
export class ContextKeySetter {
  private readonly last = new Map<string, unknown>();

  /** Sets one key (`hasAwsFiles` → `awsPrereqs.hasAwsFiles`). */
  async set(key: string, value: unknown): Promise<void> {
    if (this.last.has(key) && this.last.get(key) === value) return;
    this.last.set(key, value);
    await vscode.commands.executeCommand('setContext', `awsPrereqs.${key}`, value);
  }

  /** Sets every key of a ContextKeys object. */
  async setAll(keys: ContextKeys): Promise<void> {
    await Promise.all(Object.entries(keys).map(([k, v]) => this.set(k, v)));
  }

  /** The last value set (for tests and the guide). */
  get(key: string): unknown {
    return this.last.get(key);
  }
}
