// Command handlers about profiles: verify, choose the active one, sign in, reveal, copy identity.
import * as vscode from 'vscode';
import type { TreeNode } from '../core/statusTreeModel';
import { profilePicks } from '../core/uiState';
import { UserError } from '../core/userError';
import { loadDeferred } from './loadDeferred';
import type { Services } from './services';
import { saveActiveProfile } from './settings';
import { lookCodicon } from './statusLook';

/** Asks for a profile with a quick pick that shows each profile's state; undefined when dismissed. */
export async function pickProfile(s: Services, title: string): Promise<string | undefined> {
  await s.host.start();
  const picks = profilePicks(s.host.report, Date.now());
  if (picks.length === 0) {
    throw new UserError('No AWS profiles are configured yet. Open the setup guide to create one.');
  }
  const chosen = await vscode.window.showQuickPick(
    picks.map((p) => ({ label: `${lookCodicon(p.look)} ${p.label}`, description: p.description, detail: p.detail, name: p.name })),
    { title, placeHolder: 'Profiles from your AWS config and credentials files', matchOnDescription: true, matchOnDetail: true },
  );
  return chosen?.name;
}

const profileOf = (node: unknown): string | undefined =>
  node && typeof node === 'object' && typeof (node as TreeNode).profile === 'string' ? (node as TreeNode).profile : typeof node === 'string' ? node : undefined;

/** Verify a profile now (tree item, or a quick pick from the palette). */
export async function verifyProfile(s: Services, node?: unknown): Promise<void> {
  const fromPalette = profileOf(node) === undefined;
  const name = profileOf(node) ?? (await pickProfile(s, 'Verify which profile?'));
  if (!name) return;
  const c = await s.host.checkProfile(name);
  if (!c || !fromPalette) return;
  if (c.identity) {
    void vscode.window.showInformationMessage(`Profile ${name} works: account ${c.identity.account} as ${c.identity.arn}.`);
  } else {
    const p = c.problems.find((x) => x.severity === 'error') ?? c.problems[0];
    void vscode.window.showWarningMessage(p ? p.message : `Profile ${name} was not verified.`);
  }
}

/** Choose the active profile (status-bar click, palette). */
export async function selectProfile(s: Services): Promise<void> {
  const name = await pickProfile(s, 'Choose the active AWS profile');
  if (name) await saveActiveProfile(name);
}

/** Use a tree item's profile as the active one. */
export async function useProfile(_s: Services, node?: unknown): Promise<void> {
  const name = profileOf(node);
  if (name) await saveActiveProfile(name);
}

/** Quotes an argument for the terminal's shell when it needs it. */
export function shellArg(arg: string, windows = process.platform === 'win32'): string {
  if (/^[\w.@%+=:,/-]+$/.test(arg)) return arg;
  return windows ? `"${arg.replace(/"/g, '""')}"` : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Sign in for an IAM Identity Center or console-login profile. IAM Identity Center: the device sign-in in the
 * editor (deferred chunk), whatever `aws` is on PATH. Console login: `aws login` in a terminal, as the CLI owns it.
 */
export async function signIn(s: Services, node?: unknown): Promise<void> {
  const name = profileOf(node) ?? (await pickProfile(s, 'Sign in with which profile?'));
  if (!name) return;
  await s.host.start();
  const check = s.host.report?.profiles.find((p) => p.name === name);
  if (check?.kind !== 'console-login') return loadDeferred().signInSsoProfile(s, name);
  // aws login needs an AWS CLI v2 (v1 has none): prefer one if it is not first on PATH. Its cache is watched, so the tree updates.
  const v2 = s.host.report?.cliInstalls.find((c) => c.major === 2);
  const aws = v2 && v2 !== s.host.report?.cliInstalls[0] ? shellArg(v2.path) : 'aws';
  const terminal = vscode.window.createTerminal({ name: `AWS sign-in: ${name}` });
  terminal.show();
  terminal.sendText(`${aws} login --profile ${shellArg(name)}`);
}

/** Copy a tree item's account ID. */
export async function copyAccountId(_s: Services, node?: TreeNode): Promise<void> {
  if (!node?.accountId) return;
  await vscode.env.clipboard.writeText(node.accountId);
  vscode.window.setStatusBarMessage(`Copied account ID ${node.accountId}`, 3000);
}

/** Copy a tree item's ARN. */
export async function copyArn(_s: Services, node?: TreeNode): Promise<void> {
  if (!node?.arn) return;
  await vscode.env.clipboard.writeText(node.arn);
  vscode.window.setStatusBarMessage('Copied the ARN', 3000);
}
