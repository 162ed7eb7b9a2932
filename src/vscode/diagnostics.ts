// The Problems panel for the AWS files: every engine problem with a file:line becomes a diagnostic, and a problem
// with a fix becomes a quick fix (its Fix.edits applied to the open editor, or its command run).
import * as vscode from 'vscode';
import { applyLineEdits, minimalReplacement } from '../core/lineEdits';
import type { CheckReport, Problem } from '../core/model';
import { problemTitle } from '../core/statusTreeModel';
import { splitLines } from '../core/textLines';
import type { EngineHost } from './engineHost';
import { Disposable } from './lifecycle';

/** The `source` of our diagnostics (shown in the Problems panel). */
export const DIAGNOSTIC_SOURCE = 'AWS Prereqs';

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Every problem of a report that names a file and line, once each. */
export function locatedProblems(report: CheckReport): Problem[] {
  const all = [...report.problems, ...report.steps.flatMap((s) => s.problems), ...report.profiles.flatMap((p) => p.problems)];
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of all) {
    if (!p.file || !p.line) continue;
    const key = `${p.code}\0${p.file}\0${p.line}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

const BOM = '\uFEFF';
const stripBom = (t: string) => (t.startsWith(BOM) ? t.slice(1) : t);

/** Keeps the "AWS Prereqs" diagnostic collection in step with the engine host's report. */
export class AwsFileDiagnostics extends Disposable implements vscode.CodeActionProvider {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('awsPrereqs'));
  private readonly problems = new WeakMap<vscode.Diagnostic, Problem>();
  private selector: vscode.Disposable | undefined;
  private selectorKey = '';

  constructor(private readonly host: EngineHost) {
    super();
    // Every change, one profile's included: a verify can add or clear a located problem (e.g. long-term-key).
    this._register(host.onDidChange(() => this.update()));
    this._register({ dispose: () => this.selector?.dispose() });
  }

  /** Rebuilds every diagnostic from the current report. */
  update(): void {
    const report = this.host.report;
    this.collection.clear();
    if (!report) return;
    this.watchFiles(report.configFile, report.credentialsFile);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of locatedProblems(report)) {
      const d = new vscode.Diagnostic(this.lineRange(p.file!, p.line!), p.message, SEVERITY[p.severity]);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = p.code;
      this.problems.set(d, p);
      const list = byFile.get(p.file!) ?? [];
      list.push(d);
      byFile.set(p.file!, list);
    }
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), list);
  }

  /** The diagnostics currently shown for a file (for tests). */
  forFile(file: string): readonly vscode.Diagnostic[] {
    return this.collection.get(vscode.Uri.file(file)) ?? [];
  }

  private fileText(file: string): string | null {
    const f = this.host.files;
    if (!f) return null;
    if (f.config.path === file) return f.config.text;
    if (f.credentials.path === file) return f.credentials.text;
    return null;
  }

  private lineRange(file: string, line: number): vscode.Range {
    const text = this.fileText(file);
    const l = text ? splitLines(text).lines[line - 1] : undefined;
    return new vscode.Range(line - 1, 0, line - 1, l ? l.text.length : 0);
  }

  // Code actions only for the two AWS files: re-registered when their paths change (AWS_CONFIG_FILE…).
  private watchFiles(config: string, credentials: string): void {
    const key = `${config}\0${credentials}`;
    if (key === this.selectorKey) return;
    this.selectorKey = key;
    this.selector?.dispose();
    const selector: vscode.DocumentFilter[] = [config, credentials].map((f) => {
      const uri = vscode.Uri.file(f);
      const base = (f.split(/[\\/]/).pop() ?? f).replace(/[{}[\]*?]/g, (c) => `[${c}]`);
      return { scheme: 'file', pattern: new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), base) };
    });
    this.selector = vscode.languages.registerCodeActionsProvider(selector, this, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    });
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const p = this.problems.get(d);
      if (!p?.fix) continue;
      const action = this.actionFor(doc, p, d);
      if (action) out.push(action);
    }
    return out;
  }

  private actionFor(doc: vscode.TextDocument, p: Problem, d: vscode.Diagnostic): vscode.CodeAction | undefined {
    const fix = p.fix!;
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [d];
    action.isPreferred = true;
    const edits = (fix.edits ?? []).filter((e) => e.file === doc.uri.fsPath);
    if (edits.length && edits.length === (fix.edits ?? []).length) {
      const disk = this.fileText(doc.uri.fsPath);
      // Line numbers are from the file as read; once the editor holds other text they may point elsewhere.
      if (disk === null || stripBom(disk) !== doc.getText()) return undefined;
      let after: string;
      try {
        after = applyLineEdits(disk, edits);
      } catch {
        return undefined;
      }
      if (stripBom(after) === stripBom(disk)) {
        // Only the BOM changes: an editor edit cannot remove it, the file writer can.
        action.command = { command: 'awsPrereqs.applyFix', title: fix.title, arguments: [p] };
        return action;
      }
      const r = minimalReplacement(doc.getText(), stripBom(after));
      const we = new vscode.WorkspaceEdit();
      we.replace(doc.uri, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), r.text);
      action.edit = we;
      return action;
    }
    if (fix.command || fix.edits?.length) {
      action.command = { command: 'awsPrereqs.applyFix', title: fix.title || problemTitle(p), arguments: [p] };
      return action;
    }
    return undefined;
  }
}
