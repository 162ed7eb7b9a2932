// The one "AWS Prereqs" log channel; every line passes through redaction first.
import * as vscode from 'vscode';
import { redactLogLine } from '../core/logRedaction';

/** The extension's log: a LogOutputChannel whose lines are redacted. */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private known = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('AWS Prereqs', { log: true });
  }

  /** Secret values read from the user's files; removed from every later line. */
  setKnownSecrets(values: Iterable<string>): void {
    this.known = new Set([...values].filter((v) => v.length >= 8));
  }

  private clean(msg: string): string {
    return redactLogLine(msg, this.known);
  }

  /** An informational line. */
  info(msg: string): void {
    this.channel.info(this.clean(msg));
  }

  /** A debug line (shown when the channel's level is Debug). */
  debug(msg: string): void {
    this.channel.debug(this.clean(msg));
  }

  /** A warning line. */
  warn(msg: string): void {
    this.channel.warn(this.clean(msg));
  }

  /** An error line: the message only (stacks may quote file contents, so they go to debug). */
  error(msg: string, err?: unknown): void {
    this.channel.error(this.clean(err === undefined ? msg : `${msg}: ${errorText(err)}`));
    if (err instanceof Error && err.stack) this.channel.debug(this.clean(err.stack));
  }

  /** Reveals the channel. */
  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** The message of anything thrown. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
