// Where the AWS CLI and the AWS SDKs read the same files differently: one `reading-differs` problem per line,
// with a text edit that makes both readings agree whenever one exists.
import type { FileInput, FilesView, LineEdit, Problem, Section, SettingValue } from './model';
import { problem } from './problems';
import { isSecretKey } from './iniCli';
import { isValidSdkName } from './iniSdk';
import { pySplitLines, pyStrip } from './pyText';
import { splitLines } from './textLines';

type Kind = 'profile' | 'sso-session' | 'services';

/** The raw lines of the two files, by path (1-based line → text). */
class RawLines {
  // Split only when a difference needs its line: most files have none.
  private readonly files = new Map<string, string[]>();
  constructor(private readonly inputs: FileInput[]) {}
  private lines(file: string): string[] {
    let l = this.files.get(file);
    if (!l) {
      const f = this.inputs.find((i) => i.path === file);
      l = f?.text ? splitLines(f.text).lines.map((x) => x.text) : [];
      this.files.set(file, l);
    }
    return l;
  }
  get(file: string, line: number): string | undefined {
    return this.lines(file)[line - 1];
  }
  /** The nearest section header at or above a line. */
  headerAbove(file: string, line: number): string | undefined {
    const lines = this.lines(file);
    for (let i = line - 1; i >= 0; i--) if (/^\s*\[/.test(lines[i]!)) return lines[i]!.trim();
    return undefined;
  }
}

// The SDK keeps sub-properties as a raw string; the CLI as a map. Compare them in one shape.
function normalise(v: SettingValue | undefined): string | undefined {
  if (v === undefined || typeof v !== 'string') return v === undefined ? undefined : JSON.stringify(Object.entries(v).sort());
  if (!v.startsWith('\n')) return v;
  const map: Record<string, string> = {};
  for (const sub of pySplitLines(v)) {
    const t = pyStrip(sub);
    const eq = t.indexOf('=');
    if (t === '' || eq === -1) continue;
    map[pyStrip(t.slice(0, eq))] = pyStrip(t.slice(eq + 1));
  }
  return JSON.stringify(Object.entries(map).sort());
}

// The usual case of sub-settings, without building strings: the CLI's map against the SDK's raw `\nk = v` lines.
function sameNested(a: SettingValue | undefined, b: SettingValue | undefined): boolean {
  if (typeof a !== 'object' || typeof b !== 'string' || b.charCodeAt(0) !== 10) return false;
  const lines = b.split('\n');
  let n = 0;
  for (let i = 1; i < lines.length; i++) {
    const eq = lines[i]!.indexOf('=');
    if (eq === -1) return false;
    const k = lines[i]!.slice(0, eq).trim();
    if (a[k] !== lines[i]!.slice(eq + 1).trim() || !Object.prototype.hasOwnProperty.call(a, k)) return false;
    n++;
  }
  return n === Object.keys(a).length;
}

const show = (key: string, v: SettingValue | undefined): string => {
  if (v === undefined) return 'nothing';
  if (isSecretKey(key)) return 'a different value';
  const s = typeof v === 'string' ? v : Object.entries(v).map(([k, x]) => `${k} = ${x}`).join('; ');
  return '`' + s.replace(/\n/g, '⏎') + '`';
};

const label = (kind: Kind, name: string) => (kind === 'profile' ? `profile \`${name}\`` : `[${kind} ${name}]`);

// An inline comment the CLI keeps: a # or ; after whitespace in the value part of `key = value # x`.
function inlineCommentAt(line: string): number {
  const eq = line.search(/[=:]/);
  if (eq === -1) return -1;
  for (let i = eq + 2; i < line.length; i++) {
    if ((line[i] === '#' || line[i] === ';') && (line[i - 1] === ' ' || line[i - 1] === '\t')) return i;
  }
  return -1;
}

/** Every line the two readings disagree on, as `reading-differs` problems. */
export function readingDifferences(config: FileInput, credentials: FileInput, cli: FilesView, sdk: FilesView): Problem[] {
  const raw = new RawLines([config, credentials]);
  const out: Problem[] = [];
  const seen = new Set<string>();
  const push = (file: string, line: number, message: string, profile: string, edits?: LineEdit[], title?: string) => {
    const id = `${file}\u0000${line}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(problem('reading-differs', message, { file, line, profile, ...(edits ? { fix: { title: title ?? 'Make both readings agree', edits } } : {}) }));
  };
  const groups: [Kind, Record<string, Section>, Record<string, Section>][] = [
    ['profile', cli.profiles, sdk.profiles],
    ['sso-session', cli.ssoSessions, sdk.ssoSessions],
    ['services', cli.services, sdk.services],
  ];
  for (const [kind, c, s] of groups) {
    for (const name of new Set([...Object.keys(c), ...Object.keys(s)])) {
      const a = c[name];
      const b = s[name];
      if (a && !b) {
        const src = a.sources[a.sources.length - 1]!;
        const text = raw.get(src.file, src.line) ?? '';
        // [profile x] in the credentials file has its own problem code.
        if (src.file === cli.credentialsFile && /^\s*\[\s*(profile|sso-session|services)[ \t]/.test(text)) continue;
        const fixName = name.replace(/[^A-Za-z0-9\-_/.%@:+]+/g, '-');
        const header = kind === 'profile' ? (src.file === cli.configFile && name !== 'default' ? `[profile ${fixName}]` : `[${fixName}]`) : `[${kind} ${fixName}]`;
        const why = isValidSdkName(name)
          ? `AWS SDKs do not read \`${text.trim()}\` as a section header`
          : `AWS SDKs ignore it because a name may only use letters, digits and - _ / . % @ : +`;
        push(
          src.file,
          src.line,
          `The AWS CLI reads line ${src.line} as ${label(kind, name)}; ${why}.${fixName !== name ? ` Renaming it to \`${fixName}\` makes both agree.` : ''}`,
          name,
          fixName ? [{ file: src.file, startLine: src.line - 1, deleteCount: 1, insert: [header] }] : undefined,
          fixName !== name ? `Rename to ${fixName}` : `Write the header as ${header}`,
        );
        continue;
      }
      if (b && !a) {
        const src = b.sources[b.sources.length - 1]!;
        const text = raw.get(src.file, src.line) ?? '';
        const header = kind === 'profile' ? (src.file === sdk.configFile && name !== 'default' ? `[profile ${name}]` : `[${name}]`) : `[${kind} ${name}]`;
        push(
          src.file,
          src.line,
          `AWS SDKs read line ${src.line} (\`${text.trim()}\`) as ${label(kind, name)}; the AWS CLI ignores it. Write the header as \`${header}\`.`,
          name,
          [{ file: src.file, startLine: src.line - 1, deleteCount: 1, insert: [header] }],
          `Write the header as ${header}`,
        );
        continue;
      }
      if (!a || !b) continue;
      // Both read the name, but from different sections of the config file (`[default]` after
      // `[profile default]`, `[profile x]` and `[profile "x"]`): an edit of one section changes one reading only.
      const cliLines = a.sources.filter((x) => x.file === cli.configFile).map((x) => x.line);
      const sdkLines = new Set(b.sources.filter((x) => x.file === sdk.configFile).map((x) => x.line));
      const cliOnly = cliLines.filter((l) => !sdkLines.has(l));
      if (cliLines.length > 0 && cliOnly.length > 0) {
        const l = cliOnly[0]!;
        push(
          cli.configFile,
          l,
          `The AWS CLI reads ${label(kind, name)} from the section on line ${l}; AWS SDKs read it from line ${[...sdkLines].join(', ') || '—'}. Keep a single section for it.`,
          name,
        );
        continue;
      }
      for (const key of new Set([...Object.keys(a.settings), ...Object.keys(b.settings)])) {
        const va = a.settings[key];
        const vb = b.settings[key];
        if ((va === vb && va !== undefined) || sameNested(va, vb) || normalise(va) === normalise(vb)) continue;
        const src = a.keySources[key] ?? b.keySources[key]!;
        differsAt(src.file, src.line, kind, name, key, va, vb);
      }
    }
  }
  return out;

  function differsAt(file: string, line: number, kind: Kind, name: string, key: string, va: SettingValue | undefined, vb: SettingValue | undefined): void {
    const text = raw.get(file, line) ?? '';
    const where = `${label(kind, name)} (line ${line})`;
    const cliSays = `The AWS CLI reads \`${key}\` in ${where} as ${show(key, va)}`;
    const sdkSays = `AWS SDKs read ${show(key, vb)}`;
    const firstDelim = text.search(/[=:]/);
    if (va !== undefined && vb === undefined && firstDelim !== -1 && text[firstDelim] === ':') {
      const fixed = text.slice(0, firstDelim).trimEnd() + ' = ' + text.slice(firstDelim + 1).trimStart();
      push(file, line, `${cliSays} because it accepts \`key: value\`; AWS SDKs cannot read the line. Write \`${key} = …\` instead.`, name, [{ file, startLine: line - 1, deleteCount: 1, insert: [fixed] }], 'Use "=" instead of ":"');
      return;
    }
    const c = inlineCommentAt(text);
    if (c !== -1 && typeof va === 'string' && typeof vb === 'string' && va.startsWith(vb)) {
      const indent = /^[ \t]*/.exec(text)![0];
      push(
        file,
        line,
        `${cliSays} because it keeps inline comments; ${sdkSays}. Put the comment on its own line.`,
        name,
        [{ file, startLine: line - 1, deleteCount: 1, insert: [indent + text.slice(c), text.slice(0, c).trimEnd()] }],
        'Move the comment to its own line',
      );
      return;
    }
    if (typeof va === 'string' && typeof vb === 'string' && (va.includes('\n') || vb.includes('\n'))) {
      // A value continued over indented lines: the CLI keeps blank lines and skips indented comments, the SDKs the
      // reverse. Deleting those lines inside the value makes both join the same lines.
      const drop: number[] = [];
      let last = line;
      for (let n = line + 1; ; n++) {
        const t = raw.get(file, n);
        if (t === undefined) break;
        const trimmed = t.trim();
        if (trimmed === '' || /^[ \t]+[#;]/.test(t)) {
          drop.push(n);
          continue;
        }
        if (!/^[ \t]/.test(t)) break;
        last = n;
      }
      const inside = drop.filter((n) => n < last);
      if (inside.length > 0) {
        push(
          file,
          line,
          `\`${key}\` in ${where} continues on indented lines, and the readings join them differently: the AWS CLI keeps blank lines and skips indented comments, AWS SDKs do the reverse. Delete the blank or comment lines inside the value (line${inside.length > 1 ? 's' : ''} ${inside.join(', ')}).`,
          name,
          inside.map((n) => ({ file, startLine: n - 1, deleteCount: 1, insert: [] })),
          'Delete the blank and comment lines inside the value',
        );
        return;
      }
    }
    if (va !== undefined && vb === undefined && !isValidSdkName(key)) {
      push(file, line, `${cliSays}; AWS SDKs ignore the setting because a name may only use letters, digits and - _ / . % @ : +.`, name);
      return;
    }
    if (va !== undefined && vb === undefined && raw.headerAbove(file, line)?.startsWith('[DEFAULT]')) {
      push(file, line, `The AWS CLI gives every section the settings of [DEFAULT] (here \`${key}\` for ${label(kind, name)}); AWS SDKs ignore [DEFAULT]. Copy the settings into the sections that need them.`, name);
      return;
    }
    push(file, line, `${cliSays}; ${sdkSays}.`, name);
  }
}
