// The status-bar item: active profile, its state and expiry countdown; a click opens the profile quick pick.
import * as vscode from 'vscode';
import { statusBarFor } from '../core/uiState';
import type { EngineHost } from './engineHost';
import { Disposable } from './lifecycle';
import { lookCodicon } from './statusLook';

/** One item on the left of the status bar, redrawn when the report changes and each minute while a countdown runs. */
export class ProfileStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: EngineHost,
    private readonly onMinute: () => void,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('awsPrereqs.profile', vscode.StatusBarAlignment.Left, 10));
    this.item.name = 'AWS Prereqs: active profile';
    this.item.command = 'awsPrereqs.selectProfile';
    this._register(host.onDidChange(() => this.update()));
    this._register({ dispose: () => this.timer && clearInterval(this.timer) });
    this.update();
  }

  /** The item's current text (for tests). */
  get text(): string {
    return this.item.text;
  }

  private update(): void {
    // Hidden until a check has started: a command such as Show Log activates the extension without reading files.
    if (!this.host.report && !this.host.running) {
      this.item.hide();
      return;
    }
    const view = statusBarFor(this.host.report, this.host.running, Date.now());
    this.item.text = `${lookCodicon(view.look)} ${view.text}`;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip);
    this.item.accessibilityInformation = { label: view.ariaLabel, role: 'button' };
    this.item.show();
    // A countdown needs a tick; without an expiry nothing changes over time, so no timer runs.
    const needsTick = this.host.report?.profiles.some((p) => p.expiresAt) ?? false;
    if (needsTick && !this.timer) {
      this.timer = setInterval(() => {
        this.update();
        this.onMinute();
      }, 60_000);
    } else if (!needsTick && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
