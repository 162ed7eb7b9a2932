// The AWS SDK reading of the files: the cross-SDK profile-file rules pinned by
// smithy-rs/profile-parser-tests.json (test/conformance/profileParser.test.ts runs all 65 cases).
// Where an SDK would fail to parse a file we record an `sdk-parse-error` problem and read on, so the
// user sees every line at once.
import type { FileInput, FilesView, Problem, Profile, Section, SourceRef } from './model';
import { problem } from './problems';
import { splitLines } from './textLines';
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
  settings: Map<string, { value: string; line: number }>;
}

/** The SDK parse of one file. */
export interface SdkFileParse {
  path: string;
  sections: SdkSection[];
  problems: Problem[];
  /** True when an AWS SDK would fail to load the file. */
  failed: boolean;
}

const isBlank = (s: string) => /^[ \t]*$/.test(s);
const trim = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');
const NAME_RE = /^[A-Za-z0-9\-_/.%@:+]+$/;

/** Is this a valid profile or key name for the AWS SDKs (`A-Z a-z 0-9 - _ / . % @ : +`)? */
export function isValidSdkName(name: string): boolean {
  return NAME_RE.test(name);
}

// An inline comment starts at a # or ; that follows a space or tab.
function stripInlineComment(value: string): string {
  for (let i = 1; i < value.length; i++) {
    const c = value[i];
    if ((c === '#' || c === ';') && (value[i - 1] === ' ' || value[i - 1] === '\t')) return value.slice(0, i);
  }
  return value;
}

/** Parses one file with the cross-SDK rules; never throws. */
export function parseSdkFile(input: FileInput, role: FileRole): SdkFileParse {
  const out: SdkFileParse = { path: input.path, sections: [], problems: [], failed: false };
  if (input.text === null) return out;
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
  let prop: { key: string; value: string; subProperties: boolean; keep: boolean } | null = null;
  const setProp = (line: number) => {
    if (prop && prop.keep && cur) cur.settings.set(prop.key, { value: prop.value, line });
  };
  let propLine = 0;
  const byId = new Map<string, SdkSection>();
  for (const tl of splitLines(input.text).lines) {
    // A trailing \r is dropped (CRLF files); splitLines already did that for \r\n.
    const text = tl.text.endsWith('\r') ? tl.text.slice(0, -1) : tl.text;
    if (isBlank(text)) continue;
    const first = text[0];
    if (first === '#' || first === ';') continue;
    if (first === '[') {
      prop = null;
      let header = text;
      const cut = header.search(/[#;]/);
      if (cut !== -1) header = header.slice(0, cut);
      header = trim(header);
      if (!header.endsWith(']')) {
        fail(tl.line, 'starts a section header but does not end with "]".');
        cur = null;
        continue;
      }
      const inner = trim(header.slice(1, -1));
      curName = inner;
      cur = classify(inner, role, tl.line);
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
    if (first === ' ' || first === '\t') {
      if (cur === undefined) {
        fail(tl.line, 'is indented (a continuation) but comes before any [section].');
        continue;
      }
      if (prop === null) {
        fail(tl.line, 'is indented (a continuation) but follows a section header, not a setting.', curName);
        continue;
      }
      const t = trim(text);
      if (prop.subProperties) {
        const eq = t.indexOf('=');
        if (eq === -1) {
          fail(tl.line, `is indented under \`${prop.key} =\` but has no "=" (a sub-setting needs name = value).`, curName);
          continue;
        }
        if (trim(t.slice(0, eq)) === '') {
          fail(tl.line, `is a sub-setting under \`${prop.key} =\` with no name before "=".`, curName);
          continue;
        }
      }
      prop.value += '\n' + t;
      setProp(propLine);
      continue;
    }
    if (cur === undefined) {
      fail(tl.line, 'is a setting before any [section].');
      continue;
    }
    const eq = text.indexOf('=');
    if (eq === -1) {
      fail(tl.line, 'is not a `name = value` setting (no "=").', curName);
      prop = null;
      continue;
    }
    const key = trim(text.slice(0, eq)).toLowerCase();
    if (key === '') {
      fail(tl.line, 'has no setting name before "=".', curName);
      prop = null;
      continue;
    }
    const value = trim(stripInlineComment(trim(text.slice(eq + 1))));
    prop = { key, value, subProperties: value === '', keep: isValidSdkName(key) };
    propLine = tl.line;
    setProp(propLine);
  }
  return out;
}

// What a header names, per file; null = a section the SDKs ignore.
function classify(inner: string, role: FileRole, line: number): SdkSection | null {
  const mk = (kind: SdkSection['kind'], name: string, bareDefault = false): SdkSection | null =>
    isValidSdkName(name) ? { kind, name, bareDefault, line, settings: new Map() } : null;
  if (role === 'credentials') {
    if (/^(profile|sso-session|services)[ \t]/.test(inner)) return null;
    return mk('profile', inner);
  }
  if (inner === 'default') return mk('profile', 'default', true);
  const m = /^(profile|sso-session|services)[ \t]+(.*)$/.exec(inner);
  if (!m) return null;
  return mk(m[1] as SdkSection['kind'], trim(m[2]!));
}

/** Reads both files as the AWS SDKs do. */
export function readAsSdk(config: FileInput, credentials: FileInput): FilesView {
  return sdkViewOf(parseSdkFile(config, 'config'), parseSdkFile(credentials, 'credentials'), config.path, credentials.path);
}

/** Builds the SDK view from the two parses (exported so analyzeFiles parses each file once). */
export function sdkViewOf(cfg: SdkFileParse, cred: SdkFileParse, configFile: string, credentialsFile: string): FilesView {
  const profiles: Record<string, Profile> = emptyRecord();
  const ssoSessions: Record<string, Section> = emptyRecord();
  const services: Record<string, Section> = emptyRecord();
  const hasPrefixedDefault = cfg.sections.some((s) => s.kind === 'profile' && s.name === 'default' && !s.bareDefault);
  const add = (into: Record<string, Section | Profile>, s: SdkSection, file: string) => {
    const target = (into[s.name] ??= { name: s.name, settings: emptyRecord(), sources: [], keySources: emptyRecord<SourceRef>() });
    target.sources.push({ file, line: s.line });
    for (const [k, v] of s.settings) {
      target.settings[k] = v.value;
      target.keySources[k] = { file, line: v.line };
    }
  };
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
