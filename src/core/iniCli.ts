// The AWS CLI v2 reading of the files: botocore's configloader over Python's RawConfigParser (strict mode).
// Rules, verified against /usr/bin/aws 2.9.19 (test/peers/cliCorpus.test.ts):
// - lines split on \n, \r\n and a lone \r (Python universal newlines); a UTF-8 BOM stays a character, so
//   the first line is no section header and the file is refused;
// - a line whose stripped text starts with # or ; is a comment, even when indented; `# x` after a value is kept;
// - `key = value` or `key: value` (split at the first = or :), keys lowercased, values stripped;
// - a line indented deeper than the setting above it continues that value (joined with \n, blank lines kept);
//   a value that starts with a line break becomes a nested map of `k = v` lines;
// - a section or key written twice in one file, a line with no = or :, a setting before any section,
//   an empty key or a nested line with no = make the CLI refuse the file (every command fails);
// - `[DEFAULT]` settings are inherited by every section;
// - config: `[default]`, `[profile NAME]`, `[sso-session NAME]` (names split like a shell: quotes removed,
//   any other word count ignored); credentials: every section is a profile named as written;
// - the credentials file is merged over the config file key by key.
import type { FileInput, FilesView, Problem, Profile, Section, SettingValue, SourceRef } from './model';
import { problem } from './problems';
import * as py from './pyText';

// Local bindings: the per-character helpers run millions of times on a large file, and a module namespace
// lookup per call (a getter in CommonJS builds) is measurable.
const isPySpaceCode = py.isPySpaceCode;
const pyRstrip = py.pyRstrip;
const pyStrip = py.pyStrip;
const pySplitLines = py.pySplitLines;
const shlexSplit = py.shlexSplit;

/** One setting as the CLI parser collected it. */
export interface CliSetting {
  /** The key as written (before lowercasing). */
  rawKey: string;
  /** The first line's value (stripped). */
  first: string;
  /** Continuation pieces after the first line ('' for a blank line), or null when there are none (the usual case). */
  more: string[] | null;
  /** 1-based line of each continuation piece. */
  moreLines: number[] | null;
  line: number;
}

/** One `[section]` of a file as the CLI parser collected it. */
export interface CliSection {
  /** The text between the brackets, exactly as botocore keeps it. */
  name: string;
  line: number;
  /** Keys in the order first set; also configparser's strict-mode memory of keys seen (for duplicate keys). */
  settings: Map<string, CliSetting>;
}

/** A continuation line joined to a non-empty value: a likely accident. */
export interface CliContinuation {
  line: number;
  section: string;
  key: string;
  keyLine: number;
}

/** The CLI parse of one file, with what the lenient pass found beyond the CLI's first error. */
export interface CliFileParse {
  path: string;
  sections: CliSection[];
  defaults: CliSection | null;
  problems: Problem[];
  continuations: CliContinuation[];
  /** True when the AWS CLI refuses the file. */
  refused: boolean;
}

const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** Does this key hold a secret (never quoted in a message)? */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

// The parser state, kept in one object so the per-line step allocates nothing but the strings it keeps.
interface State {
  out: CliFileParse;
  byName: Map<string, CliSection>;
  cur: CliSection | null;
  opt: CliSetting | null;
  indentLevel: number;
}

/** Parses one file with botocore's rules; never throws, keeps reading after the first error to report everything. */
export function parseCliFile(input: FileInput): CliFileParse {
  const out: CliFileParse = { path: input.path, sections: [], defaults: null, problems: [], continuations: [], refused: false };
  const text = input.text;
  if (text === null) return out;
  const st: State = { out, byName: new Map(), cur: null, opt: null, indentLevel: 0 };
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    refuse(
      out,
      problem('bom', `${input.path} starts with a byte-order mark (BOM). The AWS CLI cannot read a file that starts with one. Save the file as UTF-8 without BOM.`, {
        file: input.path,
        line: 1,
      }),
    );
    // Read on without it to report everything else.
    start = 1;
  }
  let lineNo = 1;
  const n = text.length;
  while (start <= n) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = n;
    if (start === n && nl === n) break;
    const line = text.slice(start, nl);
    // Python's universal newlines also end a line at a lone \r (and \r\n is one ending).
    if (line.indexOf('\r') === -1) step(st, line, lineNo, input.path);
    else {
      const pieces = line.split('\r');
      const last = pieces.length - 1;
      for (let i = 0; i <= last; i++) if (i < last || pieces[i] !== '') step(st, pieces[i]!, lineNo, input.path);
    }
    lineNo++;
    start = nl + 1;
  }
  checkNested(out, input.path);
  return out;
}

function refuse(out: CliFileParse, p: Problem): void {
  out.problems.push(p);
  out.refused = true;
}

// One physical line (configparser's _read loop body).
function step(st: State, line: string, lineNo: number, file: string): void {
  const len = line.length;
  let a = 0;
  while (a < len && isPySpaceCode(line.charCodeAt(a))) a++;
  if (a === len) {
    // A blank line joins the current value as an empty piece (configparser's empty_lines_in_values).
    if (st.cur && st.opt) {
      (st.opt.more ??= []).push('');
      (st.opt.moreLines ??= []).push(lineNo);
    }
    return;
  }
  const c0 = line.charCodeAt(a);
  // A comment is skipped whole, even when indented (it neither continues nor ends a value).
  if (c0 === 35 || c0 === 59) return;
  let b = len;
  while (isPySpaceCode(line.charCodeAt(b - 1))) b--;
  const value = a === 0 && b === len ? line : line.slice(a, b);
  const cur = st.cur;
  if (cur && st.opt && a > st.indentLevel) {
    const opt = st.opt;
    if (opt.first !== '') st.out.continuations.push({ line: lineNo, section: cur.name, key: opt.rawKey.toLowerCase(), keyLine: opt.line });
    (opt.more ??= []).push(value);
    (opt.moreLines ??= []).push(lineNo);
    return;
  }
  st.indentLevel = a;
  if (c0 === 91) {
    // SECTCRE `\[(?P<header>.+)\]` (match, greedy): up to the last ']' with at least one character inside.
    const close = value.lastIndexOf(']');
    if (close >= 2) {
      sectionHeader(st, value.slice(1, close), lineNo, file);
      return;
    }
  }
  if (!cur) {
    refuse(
      st.out,
      problem('property-before-section', `Line ${lineNo} of ${file} comes before any [section]. The AWS CLI refuses the whole file; put it under a section header or delete it.`, {
        file,
        line: lineNo,
      }),
    );
    return;
  }
  const delim = firstDelimiter(value);
  if (delim === -1) {
    refuse(
      st.out,
      problem('line-without-equals', `Line ${lineNo} of ${file} is neither a [section], a setting (key = value) nor a comment. The AWS CLI refuses the whole file; fix or delete the line.`, {
        file,
        line: lineNo,
        profile: cur.name,
      }),
    );
    return;
  }
  const rawKey = pyRstrip(value.slice(0, delim));
  // Most keys are already lower case: skip the copy.
  const key = /[A-Z\u0080-\uffff]/.test(rawKey) ? rawKey.toLowerCase() : rawKey;
  if (key === '') {
    refuse(st.out, problem('empty-key', `Line ${lineNo} of ${file} has no setting name before "${value[delim]}". The AWS CLI refuses the whole file; add the name or delete the line.`, { file, line: lineNo, profile: cur.name }));
  }
  const prev = cur.settings.get(key);
  if (prev !== undefined) {
    refuse(
      st.out,
      problem(
        'duplicate-key',
        `\`${key}\` is set twice in [${cur.name}] of ${file} (lines ${prev.line} and ${lineNo}). The AWS CLI refuses the whole file; keep one of the two lines.`,
        { file, line: lineNo, profile: cur.name },
      ),
    );
  }
  const opt: CliSetting = { rawKey, first: pyStrip(value.slice(delim + 1)), more: null, moreLines: null, line: lineNo };
  st.opt = opt;
  cur.settings.set(key, opt);
}

function sectionHeader(st: State, name: string, lineNo: number, file: string): void {
  st.opt = null;
  if (name === 'DEFAULT') {
    st.out.defaults ??= { name, line: lineNo, settings: new Map() };
    st.cur = st.out.defaults;
    return;
  }
  const existing = st.byName.get(name);
  if (existing) {
    refuse(
      st.out,
      problem('duplicate-section', `The section [${name}] is written twice in ${file} (lines ${existing.line} and ${lineNo}). The AWS CLI refuses the whole file; merge the two sections into one.`, {
        file,
        line: lineNo,
        profile: name,
      }),
    );
    st.cur = existing;
    return;
  }
  const cur: CliSection = { name, line: lineNo, settings: new Map() };
  st.byName.set(name, cur);
  st.out.sections.push(cur);
  st.cur = cur;
}

// Nested values: a nested line with no '=' makes botocore refuse the file.
function checkNested(out: CliFileParse, file: string): void {
  const all = out.defaults ? [...out.sections, out.defaults] : out.sections;
  for (const s of all) {
    for (const st of s.settings.values()) {
      if (st.more === null || st.first !== '') continue;
      if (!joinValue(st).startsWith('\n')) continue;
      st.more.forEach((piece, i) => {
        for (const sub of pySplitLines(piece)) {
          const t = pyStrip(sub);
          if (t !== '' && !t.includes('=')) {
            refuse(
              out,
              problem(
                'line-without-equals',
                `Line ${st.moreLines![i]} of ${file} is indented under \`${st.rawKey.toLowerCase()} =\`, so it must be a \`name = value\` sub-setting. The AWS CLI refuses the whole file; add "=" or remove the indentation.`,
                { file, line: st.moreLines![i]!, profile: s.name },
              ),
            );
          }
        }
      });
    }
  }
}

// OPTCRE: the key ends at the first '=' or ':'.
function firstDelimiter(s: string): number {
  for (let i = 0; i < s.length; i++) if (s[i] === '=' || s[i] === ':') return i;
  return -1;
}

/** The final string value configparser hands botocore: pieces joined with \n, trailing whitespace removed. */
export function joinValue(st: CliSetting): string {
  if (st.more === null) return st.first;
  return pyRstrip(st.first + '\n' + st.more.join('\n'));
}

/** botocore's _parse_nested: `k = v` lines to a map (keys keep their case); lines without '=' are skipped here (reported by the parser). */
function parseNested(value: string): Record<string, string> {
  const out: Record<string, string> = emptyRecord();
  for (const sub of pySplitLines(value)) {
    const t = pyStrip(sub);
    if (t === '') continue;
    const eq = t.indexOf('=');
    if (eq === -1) continue;
    out[pyStrip(t.slice(0, eq))] = pyStrip(t.slice(eq + 1));
  }
  return out;
}

/**
 * A record keyed by names from the user's file, without a prototype: `[profile constructor]` or `__proto__ = x`
 * are ordinary names, never Object.prototype members.
 */
export function emptyRecord<T>(): Record<string, T> {
  return new (EmptyRecord as unknown as new () => Record<string, T>)();
}

// Instances inherit from an object without a prototype, so they have no Object members and no __proto__ setter,
// yet keep V8's fast properties (an Object.create(null) record starts in slow dictionary mode).
function EmptyRecord(): void {}
EmptyRecord.prototype = Object.create(null);

// Adds a section's settings (as botocore's values: strings, or nested maps) and where each was written.
function addSettings(from: Map<string, CliSetting>, settings: Record<string, SettingValue>, keySources: Record<string, SourceRef>, file: string): void {
  for (const key of from.keys()) {
    const st = from.get(key)!;
    const v = st.more === null ? st.first : joinValue(st);
    settings[key] = v.charCodeAt(0) === 10 ? parseNested(v) : v;
    keySources[key] = { file, line: st.line };
  }
}

/** What a config-file section header means to botocore. */
export type CliSectionMeaning =
  | { kind: 'profile' | 'sso-session' | 'services'; name: string }
  | { kind: 'other' };

/** Classifies a config-file section name like botocore's build_profile_map (any word starting "profile" counts; shlex unquotes). */
export function cliConfigSection(name: string): CliSectionMeaning {
  const kind = name.startsWith('profile') ? 'profile' : name.startsWith('sso-session') ? 'sso-session' : name.startsWith('services') ? 'services' : null;
  if (kind === null) return name === 'default' ? { kind: 'profile', name: 'default' } : { kind: 'other' };
  const parts = simpleWords(name) ?? shlexSplit(name);
  if (parts && parts.length === 2) return { kind, name: parts[1]! };
  return { kind: 'other' };
}

// shlex.split without quotes or backslashes is a split on runs of space, tab, CR and LF.
function simpleWords(s: string): string[] | null {
  if (/["'\\]/.test(s)) return null;
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const ws = c === 32 || c === 9 || c === 13 || c === 10;
    if (ws && start !== -1) {
      out.push(s.slice(start, i));
      start = -1;
    } else if (!ws && start === -1) start = i;
  }
  return out;
}

/** Reads both files as the AWS CLI v2 does. */
export function readAsCli(config: FileInput, credentials: FileInput): FilesView {
  return cliViewOf(parseCliFile(config), parseCliFile(credentials), config.path, credentials.path);
}

/** Builds the CLI view from the two parses (exported so analyzeFiles parses each file once). */
export function cliViewOf(cfg: CliFileParse, cred: CliFileParse, configFile: string, credentialsFile: string): FilesView {
  // Insertion order is botocore's order (config sections, then credentials-only profiles); a later config section
  // with the same meaning replaces the earlier one whole but keeps its place, like a Python dict assignment.
  const profiles: Record<string, Profile> = emptyRecord();
  const ssoSessions: Record<string, Section> = emptyRecord();
  const services: Record<string, Section> = emptyRecord();
  for (const s of cfg.sections) {
    const meaning = cliConfigSection(s.name);
    if (meaning.kind === 'other') continue;
    const entry: Profile = { name: meaning.name, settings: emptyRecord(), sources: [{ file: configFile, line: s.line }], keySources: emptyRecord() };
    if (cfg.defaults) addSettings(cfg.defaults.settings, entry.settings, entry.keySources, configFile);
    addSettings(s.settings, entry.settings, entry.keySources, configFile);
    if (meaning.kind === 'profile') profiles[meaning.name] = entry;
    else if (meaning.kind === 'sso-session') ssoSessions[meaning.name] = entry;
    else services[meaning.name] = entry;
  }
  // The credentials file is merged over the config file key by key (botocore's Session.full_config).
  for (const s of cred.sections) {
    let p = profiles[s.name];
    if (p) p.sources.push({ file: credentialsFile, line: s.line });
    else {
      p = { name: s.name, settings: emptyRecord(), sources: [{ file: credentialsFile, line: s.line }], keySources: emptyRecord() };
      profiles[s.name] = p;
    }
    if (cred.defaults) addSettings(cred.defaults.settings, p.settings, p.keySources, credentialsFile);
    addSettings(s.settings, p.settings, p.keySources, credentialsFile);
  }
  return {
    reading: 'cli',
    configFile,
    credentialsFile,
    profiles,
    ssoSessions,
    services,
    problems: [...cfg.problems, ...cred.problems],
  };
}
