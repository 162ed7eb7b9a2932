// The AWS SDK reading of the files: the cross-SDK profile-file rules pinned by
// smithy-rs/profile-parser-tests.json (test/conformance/profileParser.test.ts runs all 65 cases).
// Where an SDK would fail to parse a file we record an `sdk-parse-error` problem and read on, so the
// user sees every line at once.
import type { FileInput, FilesView, Problem, Profile, Section, SourceRef } from './model';
import { problem } from './problems';
import { emptyRecord } from './iniCli';

/** Which of the two files a text is (their section rules differ). */
export type FileRole = 'config' | 'credentials';

/** One section as the SDK parser collected it (before the two files merge). */
export interface SdkSection {
  kind: 'profile' | 'sso-session' | 'services';
  name: string;
  /** `[default]` without the prefix in the config file (loses to `[profile default]`). */
  bareDefault: boolean;
  line: number;
  /** Values by key (handed to the view as they are when no other section adds to the profile). */
  values: Record<string, string>;
  /** 1-based line of each key. */
  keyLines: Record<string, number>;
}

/** The SDK parse of one file. */
export interface SdkFileParse {
  path: string;
  sections: SdkSection[];
  problems: Problem[];
  /** True when an AWS SDK would fail to load the file. */
  failed: boolean;
}

const NAME_RE = /^[A-Za-z0-9\-_/.%@:+]+$/;

/** Is this a valid profile or key name for the AWS SDKs (`A-Z a-z 0-9 - _ / . % @ : +`)? */
export function isValidSdkName(name: string): boolean {
  return NAME_RE.test(name);
}

// The SDKs trim spaces and tabs only.
function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

// An inline comment starts at a # or ; that follows a space or tab.
function stripInlineComment(value: string): string {
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c === 35 || c === 59) && (value.charCodeAt(i - 1) === 32 || value.charCodeAt(i - 1) === 9)) return value.slice(0, i);
  }
  return value;
}

interface Prop {
  key: string;
  subProperties: boolean;
  /** The section the value is stored in (null when the key is invalid and dropped, or the section is ignored). */
  into: SdkSection | null;
}

/** Parses one file with the cross-SDK rules; never throws. */
export function parseSdkFile(input: FileInput, role: FileRole): SdkFileParse {
  const out: SdkFileParse = { path: input.path, sections: [], problems: [], failed: false };
  const text = input.text;
  if (text === null) return out;
  const file = input.path;
  const fail = (line: number, why: string, profile?: string) => {
    out.failed = true;
    out.problems.push(
      problem('sdk-parse-error', `AWS SDKs cannot read ${file}: line ${line} ${why}`, profile === undefined ? { file, line } : { file, line, profile }),
    );
  };
  // `undefined` = no section yet; `null` = inside a section we ignore.
  let cur: SdkSection | null | undefined;
  let curName = '';
  let prop: Prop | null = null;
  const byId = new Map<string, SdkSection>();
  // A BOM is skipped, as the JavaScript SDK does (its trim() removes U+FEFF); the CLI refusal is reported apart.
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  const n = text.length;
  while (start < n) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = n;
    lineNo++;
    // A trailing \r is dropped (CRLF files).
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const lineStart = start;
    start = nl + 1;
    let a = lineStart;
    while (a < end && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
    if (a === end) continue; // blank
    const first = text.charCodeAt(lineStart);
    if (first === 35 || first === 59) continue; // comment
    if (first === 91) {
      const line = text.slice(lineStart, end);
      prop = null;
      let header = line;
      const cut = header.search(/[#;]/);
      if (cut !== -1) header = header.slice(0, cut);
      header = trim(header);
      if (!header.endsWith(']')) {
        fail(lineNo, 'starts a section header but does not end with "]".');
        cur = null;
        continue;
      }
      const inner = trim(header.slice(1, -1));
      curName = inner;
      cur = classify(inner, role, lineNo);
      if (cur) {
        // Repeated sections merge: reuse the earlier one.
        const id = `${cur.kind}\u0000${cur.bareDefault}\u0000${cur.name}`;
        const same = byId.get(id);
        if (same) cur = same;
        else {
          byId.set(id, cur);
          out.sections.push(cur);
        }
      }
      continue;
    }
    if (first === 32 || first === 9) {
      if (cur === undefined) {
        fail(lineNo, 'is indented (a continuation) but comes before any [section].');
        continue;
      }
      if (prop === null) {
        fail(lineNo, 'is indented (a continuation) but follows a section header, not a setting.', curName);
        continue;
      }
      const t = trim(text.slice(lineStart, end));
      if (prop.subProperties) {
        const eq = t.indexOf('=');
        if (eq === -1) {
          fail(lineNo, `is indented under \`${prop.key} =\` but has no "=" (a sub-setting needs name = value).`, curName);
          continue;
        }
        if (trim(t.slice(0, eq)) === '') {
          fail(lineNo, `is a sub-setting under \`${prop.key} =\` with no name before "=".`, curName);
          continue;
        }
      }
      if (prop.into) prop.into.values[prop.key] += '\n' + t;
      continue;
    }
    if (cur === undefined) {
      fail(lineNo, 'is a setting before any [section].');
      continue;
    }
    let eq = text.indexOf('=', lineStart);
    if (eq >= end) eq = -1;
    if (eq === -1) {
      fail(lineNo, 'is not a `name = value` setting (no "=").', curName);
      prop = null;
      continue;
    }
    const rawKey = trim(text.slice(lineStart, eq));
    // Most keys are already lower case: skip the copy.
    const key = /[A-Z\u0080-\uffff]/.test(rawKey) ? rawKey.toLowerCase() : rawKey;
    if (key === '') {
      fail(lineNo, 'has no setting name before "=".', curName);
      prop = null;
      continue;
    }
    const value = trim(stripInlineComment(trim(text.slice(eq + 1, end))));
    let into: SdkSection | null = null;
    if (cur && NAME_RE.test(key)) {
      into = cur;
      cur.values[key] = value;
      cur.keyLines[key] = lineNo;
    }
    prop = { key, subProperties: value === '', into };
  }
  return out;
}

// What a header names, per file; null = a section the SDKs ignore.
function classify(inner: string, role: FileRole, line: number): SdkSection | null {
  if (role === 'credentials') {
    if (/^(profile|sso-session|services)[ \t]/.test(inner)) return null;
    return section('profile', inner, false, line);
  }
  if (inner === 'default') return section('profile', 'default', true, line);
  const m = /^(profile|sso-session|services)[ \t]+(.*)$/.exec(inner);
  if (!m) return null;
  return section(m[1] as SdkSection['kind'], trim(m[2]!), false, line);
}

function section(kind: SdkSection['kind'], name: string, bareDefault: boolean, line: number): SdkSection | null {
  return NAME_RE.test(name) ? { kind, name, bareDefault, line, values: emptyRecord(), keyLines: emptyRecord() } : null;
}

/** Reads both files as the AWS SDKs do. */
export function readAsSdk(config: FileInput, credentials: FileInput): FilesView {
  return sdkViewOf(parseSdkFile(config, 'config'), parseSdkFile(credentials, 'credentials'), config.path, credentials.path);
}

function addSection(into: Record<string, Section | Profile>, s: SdkSection, file: string): void {
  const keySources: Record<string, SourceRef> = emptyRecord();
  for (const k in s.keyLines) keySources[k] = { file, line: s.keyLines[k]! };
  const target = into[s.name];
  if (!target) {
    // The first section of a name: its values become the profile's settings without a copy.
    into[s.name] = { name: s.name, settings: s.values, sources: [{ file, line: s.line }], keySources };
    return;
  }
  target.sources.push({ file, line: s.line });
  Object.assign(target.settings, s.values);
  Object.assign(target.keySources, keySources);
}

/** Builds the SDK view from the two parses (exported so analyzeFiles parses each file once). */
export function sdkViewOf(cfg: SdkFileParse, cred: SdkFileParse, configFile: string, credentialsFile: string): FilesView {
  const profiles: Record<string, Profile> = emptyRecord();
  const ssoSessions: Record<string, Section> = emptyRecord();
  const services: Record<string, Section> = emptyRecord();
  const hasPrefixedDefault = cfg.sections.some((s) => s.kind === 'profile' && s.name === 'default' && !s.bareDefault);
  const add = addSection;
  for (const s of cfg.sections) {
    if (s.bareDefault && hasPrefixedDefault) continue;
    add(s.kind === 'profile' ? profiles : s.kind === 'sso-session' ? ssoSessions : services, s, configFile);
  }
  for (const s of cred.sections) add(profiles, s, credentialsFile);
  // Merged sections sort their sources by file order already; keep the section order of first appearance.
  return {
    reading: 'sdk',
    configFile,
    credentialsFile,
    profiles,
    ssoSessions,
    services,
    problems: [...cfg.problems, ...cred.problems],
  };
}
