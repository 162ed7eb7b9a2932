// Command handlers about the AWS files: open them, open a profile at its line, apply a problem's fix, fix permissions.
import * as vscode from 'vscode';
import { applyLineEdits } from '../core/lineEdits';
import type { LineEdit, Problem, SourceRef } from '../core/model';
import { isFixable, type TreeNode } from '../core/statusTreeModel';
import { loadDeferred } from './loadDeferred';
import { pickProfile } from './profileCommands';
import { UserError } from '../core/userError';
import type { Services } from './services';

async function paths(s: Services): Promise<{ config: string; credentials: string }> {
  await s.host.start();
  const f = s.host.files;
  if (!f) throw new UserError('The AWS files could not be located. See the log (AWS Prereqs: Show Log).');
  return { config: f.configFile, credentials: f.credentialsFile };
}

/** Opens a file at a 1-based line; a file that does not exist yet opens as a new file at that path. */
export async function openAt(file: string, line = 1): Promise<void> {
  const uri = vscode.Uri.file(file);
  let doc: vscode.TextDocument;
  try {
    await vscode.workspace.fs.stat(uri);
    doc = await vscode.workspace.openTextDocument(uri);
  } catch {
    doc = await vscode.workspace.openTextDocument(uri.with({ scheme: 'untitled' }));
  }
  const pos = new vscode.Position(Math.max(0, Math.min(line - 1, doc.lineCount - 1)), 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: false });
}

/** Open the AWS config file. */
export async function openConfigFile(s: Services): Promise<void> {
  await openAt((await paths(s)).config);
}

/** Open the AWS credentials file. */
export async function openCredentialsFile(s: Services): Promise<void> {
  await openAt((await paths(s)).credentials);
}

/** Open a tree item's file:line (profile, problem or "Defined in" row). */
export async function openAtLine(_s: Services, node?: TreeNode | SourceRef): Promise<void> {
  const src = node && 'file' in node ? node : node?.source;
  if (!src) return;
  await openAt(src.file, src.line);
}

/** Reveal a profile's section in its file (palette: quick pick; tree: the item's profile). */
export async function revealProfile(s: Services, node?: TreeNode): Promise<void> {
  const name = node?.profile ?? (await pickProfile(s, 'Reveal which profile in its file?'));
  if (!name) return;
  const check = s.host.report?.profiles.find((p) => p.name === name);
  const src = check?.sources[0];
  if (!src) throw new UserError(`Profile ${name} is not written in your AWS files.`);
  await openAt(src.file, src.line);
}

const fileText = (s: Services, path: string): string | null | undefined => {
  const f = s.host.files;
  if (!f) return undefined;
  if (f.config.path === path) return f.config.text;
  if (f.credentials.path === path) return f.credentials.text;
  return undefined;
};

/** Writes Fix.edits to disk through the engine's writer: atomic, mode kept, refused if the file changed since it was checked. */
async function writeEdits(s: Services, edits: readonly LineEdit[]): Promise<string[]> {
  const writer = loadDeferred();
  const byFile = new Map<string, LineEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const written: string[] = [];
  for (const [file, list] of byFile) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    if (open?.isDirty) throw new UserError(`${file} has unsaved changes in the editor. Save or revert them, then apply the fix again.`);
    const snap = await writer.readForEdit(file);
    const checked = fileText(s, file);
    if (snap.text === null || checked === undefined || snap.text !== checked) {
      void s.host.filesChanged('files');
      throw new UserError(`${file} changed since it was checked, so the fix was not applied. The checks run again now; then try the fix once more.`);
    }
    await writer.writeAtomic(snap, applyLineEdits(snap.text, list), {});
    written.push(file);
  }
  return written;
}

function problemOf(arg: unknown): Problem | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as TreeNode;
  if (node.type && Array.isArray(node.children)) {
    if (node.problem && isFixable(node.problem)) return node.problem;
    return node.children.map((c) => c.problem).find((p): p is Problem => !!p && isFixable(p));
  }
  const p = arg as Problem;
  return typeof p.code === 'string' && typeof p.message === 'string' ? p : undefined;
}

/** Apply a problem's fix: its text edits (written safely) or its command (ours only). */
export async function applyFix(s: Services, arg?: unknown): Promise<void> {
  const p = problemOf(arg);
  if (!p?.fix) return;
  const fix = p.fix;
  if (fix.edits?.length) {
    const written = await writeEdits(s, fix.edits);
    s.log.info(`Applied fix "${fix.title}" (${p.code}) to ${written.join(', ')}.`);
    await s.host.filesChanged('files');
    return;
  }
  if (fix.command) {
    // A fix names one of our commands; never run an arbitrary command id from data.
    if (!fix.command.id.startsWith('awsPrereqs.')) throw new UserError(`The fix "${fix.title}" cannot be applied from here.`);
    await vscode.commands.executeCommand(fix.command.id, ...(fix.command.args ?? []));
  }
}

/** Make the credentials file (or a given file) readable by its owner only (chmod 600). */
export async function fixPermissions(s: Services, file?: unknown): Promise<void> {
  const target = typeof file === 'string' ? file : (await paths(s)).credentials;
  const writer = loadDeferred();
  await writer.fixPermissions(target);
  s.log.info(`Set ${target} to owner read/write only (0600).`);
  vscode.window.setStatusBarMessage(`${target} is now readable by you only`, 4000);
  await s.host.filesChanged('files');
}

/** Show the log. */
export function showLog(s: Services): void {
  s.log.show();
}
