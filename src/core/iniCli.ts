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
import { firstNonSpace, pyRstrip, pySplitLines, pyStrip, shlexSplit } from './pyText';
import { splitLines } from './textLines';

/** One setting as the CLI parser collected it. */
export interface CliSetting {
  /** The key as written (before lowercasing). */
  rawKey: string;
  /** Value pieces: the first line's value, then continuation lines ('' for a blank line). */
  parts: string[];
  /** 1-based line of each piece. */
  partLines: number[];
  line: number;
}

/** One `[section]` of a file as the CLI parser collected it. */
export interface CliSection {
  /** The text between the brackets, exactly as botocore keeps it. */
  name: string;
  line: number;
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

const SECTION_RE = /^\[([^\n]+)\]/;

const SECRET_KEYS = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** Does this key hold a secret (never quoted in a message)? */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/** Parses one file with botocore's rules; never throws, keeps reading after the first error to report everything. */
export function parseCliFile(input: FileInput): CliFileParse {
  const out: CliFileParse = { path: input.path, sections: [], defaults: null, problems: [], continuations: [], refused: false };
  if (input.text === null) return out;
  const file = input.path;
  const split = splitLines(input.text);
  const byName = new Map<string, CliSection>();
  const added = new Set<string>();
  let cur: CliSection | null = null;
  let opt: CliSetting | null = null;
  let indentLevel = 0;
  const refuse = (p: Problem) => {
    out.problems.push(p);
    out.refused = true;
  };
  if (split.bom) {
    refuse(
      problem('bom', `${file} starts with a byte-order mark (BOM). The AWS CLI cannot read a file that starts with one. Save the file as UTF-8 without BOM.`, {
        file,
        line: 1,
      }),
    );
  }
  for (const tl of split.lines) {
    // Python's universal newlines also end a line at a lone \r.
    const physical = tl.text.includes('\r') ? tl.text.split('\r') : [tl.text];
    for (let pi = 0; pi < physical.length; pi++) {
      // A BOM already made the CLI refuse the file; read on without it to report everything else.
      const line = physical[pi]!;
      const stripped = pyStrip(line);
      const isComment = stripped.startsWith('#') || stripped.startsWith(';');
      const value = isComment ? '' : stripped;
      if (value === '') {
        if (!isComment && cur && opt) {
          opt.parts.push('');
          opt.partLines.push(tl.line);
        }
        continue;
      }
      const indent = firstNonSpace(line);
      if (cur && opt && indent > indentLevel) {
        const parentValue = opt.parts[0] ?? '';
        if (parentValue !== '') {
          out.continuations.push({ line: tl.line, section: cur.name, key: opt.rawKey.toLowerCase(), keyLine: opt.line });
        }
        opt.parts.push(value);
        opt.partLines.push(tl.line);
        continue;
      }
      indentLevel = indent;
      const m = SECTION_RE.exec(value);
      if (m) {
        const name = m[1]!;
        opt = null;
        if (name === 'DEFAULT') {
          out.defaults ??= { name, line: tl.line, settings: new Map() };
          cur = out.defaults;
          continue;
        }
        const existing = byName.get(name);
        if (existing) {
          if (added.has(name)) {
            refuse(
              problem(
                'duplicate-section',
                `The section [${name}] is written twice in ${file} (lines ${existing.line} and ${tl.line}). The AWS CLI refuses the whole file; merge the two sections into one.`,
                { file, line: tl.line, profile: name },
              ),
            );
          }
          cur = existing;
        } else {
          cur = { name, line: tl.line, settings: new Map() };
          byName.set(name, cur);
          out.sections.push(cur);
          added.add(name);
        }
        continue;
      }
      if (!cur) {
        refuse(
          problem('property-before-section', `Line ${tl.line} of ${file} comes before any [section]. The AWS CLI refuses the whole file; put it under a section header or delete it.`, {
            file,
            line: tl.line,
          }),
        );
        continue;
      }
      const delim = firstDelimiter(value);
      if (delim === -1) {
        refuse(
          problem(
            'line-without-equals',
            `Line ${tl.line} of ${file} is neither a [section], a setting (key = value) nor a comment. The AWS CLI refuses the whole file; fix or delete the line.`,
            { file, line: tl.line, profile: cur.name },
          ),
        );
        continue;
      }
      const rawKey = pyRstrip(value.slice(0, delim));
      const key = rawKey.toLowerCase();
      if (key === '') {
        refuse(problem('empty-key', `Line ${tl.line} of ${file} has no setting name before "${value[delim]}". The AWS CLI refuses the whole file; add the name or delete the line.`, { file, line: tl.line, profile: cur.name }));
      }
      const dupKey = `${cur.name}\u0000${key}`;
      const prev = cur.settings.get(key);
      if (added.has(dupKey) && prev) {
        refuse(
          problem(
            'duplicate-key',
            `\`${key}\` is set twice in [${cur.name}] of ${file} (lines ${prev.line} and ${tl.line}). The AWS CLI refuses the whole file; keep one of the two lines.`,
            { file, line: tl.line, profile: cur.name },
          ),
        );
      }
      added.add(dupKey);
      opt = { rawKey, parts: [pyStrip(value.slice(delim + 1))], partLines: [tl.line], line: tl.line };
      cur.settings.set(key, opt);
    }
  }
  // Nested values: a nested line with no '=' makes botocore refuse the file.
  for (const s of out.defaults ? [...out.sections, out.defaults] : out.sections) {
    for (const st of s.settings.values()) {
      const v = joinValue(st);
      if (!v.startsWith('\n')) continue;
      for (let i = 1; i < st.parts.length; i++) {
        for (const sub of pySplitLines(st.parts[i]!)) {
          const t = pyStrip(sub);
          if (t !== '' && !t.includes('=')) {
            refuse(
              problem(
                'line-without-equals',
                `Line ${st.partLines[i]} of ${file} is indented under \`${st.rawKey.toLowerCase()} =\`, so it must be a \`name = value\` sub-setting. The AWS CLI refuses the whole file; add "=" or remove the indentation.`,
                { file, line: st.partLines[i]!, profile: s.name },
              ),
            );
          }
        }
      }
    }
  }
  return out;
}

// OPTCRE: the key ends at the first '=' or ':'.
function firstDelimiter(s: string): number {
  for (let i = 0; i < s.length; i++) if (s[i] === '=' || s[i] === ':') return i;
  return -1;
}

/** The final string value configparser hands botocore: pieces joined with \n, trailing whitespace removed. */
export function joinValue(st: CliSetting): string {
  return pyRstrip(st.parts.join('\n'));
}

/** botocore's _parse_nested: `k = v` lines to a map (keys keep their case); lines without '=' are skipped here (reported by the parser). */
function parseNested(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of pySplitLines(value)) {
    const t = pyStrip(sub);
    if (t === '') continue;
    const eq = t.indexOf('=');
    if (eq === -1) continue;
    out[pyStrip(t.slice(0, eq))] = pyStrip(t.slice(eq + 1));
  }
  return out;
}

/** A section's settings with [DEFAULT] inherited, as botocore sees them. */
function sectionSettings(s: CliSection, defaults: CliSection | null, file: string): { settings: Record<string, SettingValue>; keySources: Record<string, SourceRef> } {
  const settings: Record<string, SettingValue> = {};
  const keySources: Record<string, SourceRef> = {};
  const put = (key: string, st: CliSetting) => {
    const v = joinValue(st);
    settings[key] = v.startsWith('\n') ? parseNested(v) : v;
    keySources[key] = { file, line: st.line };
  };
  if (defaults) for (const [k, st] of defaults.settings) put(k, st);
  for (const [k, st] of s.settings) put(k, st);
  return { settings, keySources };
}

/** What a config-file section header means to botocore. */
export type CliSectionMeaning =
  | { kind: 'profile' | 'sso-session' | 'services'; name: string }
  | { kind: 'other' };

/** Classifies a config-file section name like botocore's build_profile_map (any word starting "profile" counts; shlex unquotes). */
export function cliConfigSection(name: string): CliSectionMeaning {
  for (const prefix of ['profile', 'sso-session', 'services'] as const) {
    if (name.startsWith(prefix)) {
      const parts = shlexSplit(name);
      if (parts && parts.length === 2) return { kind: prefix, name: parts[1]! };
      return { kind: 'other' };
    }
  }
  if (name === 'default') return { kind: 'profile', name: 'default' };
  return { kind: 'other' };
}

/** Reads both files as the AWS CLI v2 does. */
export function readAsCli(config: FileInput, credentials: FileInput): FilesView {
  return cliViewOf(parseCliFile(config), parseCliFile(credentials), config.path, credentials.path);
}

/** Builds the CLI view from the two parses (exported so analyzeFiles parses each file once). */
export function cliViewOf(cfg: CliFileParse, cred: CliFileParse, configFile: string, credentialsFile: string): FilesView {
  const profiles = new Map<string, Profile>();
  const ssoSessions: Record<string, Section> = {};
  const services: Record<string, Section> = {};
  for (const s of cfg.sections) {
    const meaning = cliConfigSection(s.name);
    if (meaning.kind === 'other') continue;
    const { settings, keySources } = sectionSettings(s, cfg.defaults, configFile);
    const entry = { name: meaning.name, settings, sources: [{ file: configFile, line: s.line }], keySources };
    // A later section with the same meaning replaces the earlier one whole (a Python dict assignment).
    if (meaning.kind === 'profile') profiles.set(meaning.name, entry);
    else if (meaning.kind === 'sso-session') ssoSessions[meaning.name] = entry;
    else services[meaning.name] = entry;
  }
  const order = [...profiles.keys()];
  for (const s of cred.sections) {
    const { settings, keySources } = sectionSettings(s, cred.defaults, credentialsFile);
    const had = profiles.get(s.name);
    if (had) {
      Object.assign(had.settings, settings);
      Object.assign(had.keySources, keySources);
      had.sources.push({ file: credentialsFile, line: s.line });
    } else {
      profiles.set(s.name, { name: s.name, settings, sources: [{ file: credentialsFile, line: s.line }], keySources });
      order.push(s.name);
    }
  }
  const record: Record<string, Profile> = {};
  for (const name of order) record[name] = profiles.get(name)!;
  return {
    reading: 'cli',
    configFile,
    credentialsFile,
    profiles: record,
    ssoSessions,
    services,
    problems: [...cfg.problems, ...cred.problems],
  };
}
