// The one status → look table: every icon the sidebar, the status bar and the quick pick show comes from here.
import * as vscode from 'vscode';
import type { DetailIcon, Look } from '../core/statusTreeModel';

interface LookRow {
  /** Codicon id. */
  icon: string;
  /** Theme colour id, or none (inherits the foreground). */
  color?: string;
  /** Spoken word for screen readers. */
  word: string;
}

/** Status look: codicon + theme colour + spoken word. */
export const LOOKS: Record<Look, LookRow> = {
  pass: { icon: 'pass', color: 'testing.iconPassed', word: 'passed' },
  fail: { icon: 'error', color: 'testing.iconFailed', word: 'failed' },
  warn: { icon: 'warning', color: 'problemsWarningIcon.foreground', word: 'warning' },
  info: { icon: 'info', color: 'problemsInfoIcon.foreground', word: 'information' },
  unknown: { icon: 'circle-large-outline', word: 'not checked' },
  running: { icon: 'loading~spin', word: 'checking' },
  error: { icon: 'error', color: 'errorForeground', word: 'error' },
};

/** Icons of detail rows (not statuses: no colour). */
export const DETAIL_ICONS: Record<DetailIcon, string> = {
  kind: 'key',
  account: 'organization',
  arn: 'person',
  expiry: 'watch',
  file: 'go-to-file',
  cli: 'terminal',
  message: 'info',
};

/** The ThemeIcon for a status look. */
export function lookIcon(look: Look): vscode.ThemeIcon {
  const row = LOOKS[look];
  return row.color ? new vscode.ThemeIcon(row.icon, new vscode.ThemeColor(row.color)) : new vscode.ThemeIcon(row.icon);
}

/** `$(icon)` text for labels that take codicons (status bar, quick pick). */
export function lookCodicon(look: Look): string {
  return `$(${LOOKS[look].icon})`;
}
