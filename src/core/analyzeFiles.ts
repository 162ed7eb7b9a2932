// The one entry the fronts use: both readings of the two files and every file problem, each naming file and line.
import type { FileInput, FilesAnalysis, FilesView, Problem } from './model';
import { problem, type ProblemCode } from './problems';
import { cliConfigSection, cliViewOf, parseCliFile, type CliFileParse } from './iniCli';
import { isValidSdkName, parseSdkFile, sdkViewOf } from './iniSdk';
import { readingDifferences } from './readingDiff';
import { resolveChain } from './chains';
import { profileKind } from './profileKinds';
import { splitLines } from './textLines';
import { fileRedactor, fileSecrets } from './fileSecrets';

// Sections the AWS CLI knows besides profiles (read by `aws configure get preview.x` and plugins).
const CLI_SECTIONS = new Set(['preview', 'plugins', 'DEFAULT']);

// Chain problems that belong to the files (the identity checks report the rest).
const FILE_CHAIN_CODES = new Set<string>([
  'chain-cycle',
  'source-profile-missing',
  'credential-source-invalid',
  'role-source-conflict',
  'role-source-missing',
  'role-arn-missing',
  'secret-missing',
  'key-id-missing',
  'sso-session-missing',
  'sso-profile-incomplete',
  'sso-setting-conflict',
]);

// When two problems name the same line, the first kind listed wins (the user needs one clear sentence per line).
const PRIORITY: string[] = [
  'file-unreadable',
  'file-not-text',
  'bom',
  'duplicate-section',
  'duplicate-key',
  'property-before-section',
  'line-without-equals',
  'empty-key',
  'bad-section-header',
  'profile-prefix-in-credentials',
  'bare-section-in-config',
  'invalid-profile-name',
  // A reading difference on a line the SDKs cannot parse says what the CLI reads and carries the fix.
  'reading-differs',
  'sdk-parse-error',
  'silent-continuation',
];
const LINE_EXCLUSIVE = new Set(PRIORITY);

/** Reads both files both ways and lists every problem. Pure and total: never throws on any input. */
export function analyzeFiles(config: FileInput, credentials: FileInput): FilesAnalysis {
  const cliCfg = parseCliFile(config);
  const cliCred = parseCliFile(credentials);
  const sdkCfg = parseSdkFile(config, 'config');
  const sdkCred = parseSdkFile(credentials, 'credentials');
  const cli = cliViewOf(cliCfg, cliCred, config.path, credentials.path);
  const sdk = sdkViewOf(sdkCfg, sdkCred, config.path, credentials.path);
  const all: Problem[] = [
    ...inputProblems(config),
    ...inputProblems(credentials),
    ...cli.problems,
    ...sdk.problems,
    ...structureProblems(cliCfg, cliCred, config, credentials),
    ...readingDifferences(config, credentials, cli, sdk),
    ...semanticProblems(cli),
  ];
  const redact = fileRedactor(fileSecrets([config, credentials]));
  // In reading order: config file first, then credentials, by line; problems without a line last.
  const order = (p: Problem) => (p.file === config.path ? 0 : p.file === credentials.path ? 1 : 2) * 1e12 + (p.line ?? 1e11);
  const problems = dedupe(all)
    .map((p) => withoutSecrets(p, redact))
    .map((p, i) => ({ p, i, k: order(p) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.p);
  return { cli, sdk, problems };
}

// A fix's edits carry whole lines; a line holding a secret must never travel into a tree, webview or JSON.
const SECRET_LINE = /aws_secret_access_key|aws_session_token|aws_security_token/i;
function withoutSecrets(p: Problem, redact: (text: string) => string): Problem {
  const message = redact(p.message);
  const leaks = p.fix?.edits?.some((e) => e.insert.some((l) => SECRET_LINE.test(l) || redact(l) !== l));
  if (!leaks && message === p.message) return p;
  const { fix, ...rest } = p;
  return leaks || !fix ? { ...rest, message } : { ...rest, message, fix };
}

function inputProblems(f: FileInput): Problem[] {
  if (f.error === undefined) return [];
  const code: ProblemCode = f.errorCode ?? 'file-unreadable';
  return [problem(code, f.error, { file: f.path, ...(f.errorLine !== undefined ? { line: f.errorLine } : {}) })];
}

function structureProblems(cfg: CliFileParse, cred: CliFileParse, config: FileInput, credentials: FileInput): Problem[] {
  const out: Problem[] = [];
  const cfgLines = config.text === null || cfg.continuations.length === 0 ? [] : splitLines(config.text).lines;
  const credLines = credentials.text === null || cred.continuations.length === 0 ? [] : splitLines(credentials.text).lines;
  for (const s of cfg.sections) {
    const meaning = cliConfigSection(s.name);
    if (meaning.kind === 'profile' && !isValidSdkName(meaning.name)) {
      const fixed = meaning.name.replace(/[^A-Za-z0-9\-_/.%@:+]+/g, '-');
      out.push(
        problem(
          'invalid-profile-name',
          `The AWS CLI reads profile \`${meaning.name}\` (line ${s.line} of ${cfg.path}), but AWS SDKs ignore it: a profile name may only use letters, digits and - _ / . % @ : +. Rename it, e.g. to \`${fixed}\`.`,
          { file: cfg.path, line: s.line, profile: meaning.name, ...(fixed ? { fix: { title: `Rename to ${fixed}`, edits: [{ file: cfg.path, startLine: s.line - 1, deleteCount: 1, insert: [meaning.name === 'default' ? '[default]' : `[profile ${fixed}]`] }] } } : {}) },
        ),
      );
      continue;
    }
    if (meaning.kind !== 'other' || CLI_SECTIONS.has(s.name)) continue;
    const bare = s.name.trim();
    const prefixed = /^(profile|sso-session|services)[ \t]+(.*)$/.exec(bare);
    if (prefixed) {
      const inner = prefixed[2]!.trim();
      // `[ profile x ]` is read by the SDKs: a reading difference, reported there.
      if (isValidSdkName(inner)) continue;
      // `[profile my role]`: three words to the CLI, an invalid name to the SDKs; both ignore the section.
      const fixedName = inner.replace(/^["']|["']$/g, '').replace(/[^A-Za-z0-9\-_/.%@:+]+/g, '-');
      out.push(
        problem(
          'invalid-profile-name',
          `[${s.name}] (line ${s.line} of ${cfg.path}) is ignored by the AWS CLI and the AWS SDKs: a name may only use letters, digits and - _ / . % @ : +. Rename it, e.g. to \`${fixedName}\`.`,
          { file: cfg.path, line: s.line, profile: inner, fix: { title: `Rename to ${fixedName}`, edits: [{ file: cfg.path, startLine: s.line - 1, deleteCount: 1, insert: [`[${prefixed[1]} ${fixedName}]`] }] } },
        ),
      );
      continue;
    }
    const name = isValidSdkName(bare) ? bare : bare.replace(/[^A-Za-z0-9\-_/.%@:+]+/g, '-');
    out.push(
      problem(
        'bare-section-in-config',
        `[${s.name}] (line ${s.line} of ${cfg.path}) is ignored by the AWS CLI and the AWS SDKs: in the config file a profile is written [profile ${name}] (only [default] has no prefix).`,
        { file: cfg.path, line: s.line, profile: s.name, fix: { title: `Rename to [profile ${name}]`, edits: [{ file: cfg.path, startLine: s.line - 1, deleteCount: 1, insert: [`[profile ${name}]`] }] } },
      ),
    );
  }
  for (const s of cred.sections) {
    const m = /^profile[ \t]+(.+)$/.exec(s.name);
    if (!m) continue;
    const name = m[1]!.trim();
    out.push(
      problem(
        'profile-prefix-in-credentials',
        `[${s.name}] (line ${s.line} of ${cred.path}): the AWS CLI reads it as a profile named \`${s.name}\` and AWS SDKs ignore it. In the credentials file write [${name}].`,
        { file: cred.path, line: s.line, profile: s.name, fix: { title: `Rename to [${name}]`, edits: [{ file: cred.path, startLine: s.line - 1, deleteCount: 1, insert: [`[${name}]`] }] } },
      ),
    );
  }
  for (const [parse, lines] of [
    [cfg, cfgLines],
    [cred, credLines],
  ] as const) {
    for (const c of parse.continuations) {
      const text = lines[c.line - 1]?.text ?? '';
      const t = text.trim();
      const looksLikeSetting = /^[^=\s[]+\s*=/.test(t);
      out.push(
        problem(
          'silent-continuation',
          `Line ${c.line} of ${parse.path} is indented, so the AWS CLI and the SDKs read it as part of \`${c.key}\` on line ${c.keyLine}, not as a setting of its own.${looksLikeSetting ? ' Remove the indentation.' : ' Remove the indentation or the line.'}`,
          { file: parse.path, line: c.line, profile: sectionProfile(c.section, parse === cfg), ...(looksLikeSetting ? { fix: { title: 'Remove the indentation', edits: [{ file: parse.path, startLine: c.line - 1, deleteCount: 1, insert: [t] }] } } : {}) },
        ),
      );
    }
  }
  return out;
}

function sectionProfile(section: string, isConfig: boolean): string {
  if (!isConfig) return section;
  const m = cliConfigSection(section);
  return m.kind === 'other' ? section : m.name;
}

function semanticProblems(cli: FilesView): Problem[] {
  const out: Problem[] = [];
  for (const name of Object.keys(cli.profiles)) {
    // A profile with no credential settings at all can only be `profile-incomplete`, which the identity checks report.
    const p = cli.profiles[name]!;
    if (profileKind(p, cli) === 'incomplete' && p.settings.aws_access_key_id === undefined && p.settings.aws_secret_access_key === undefined) continue;
    const r = resolveChain(cli, name);
    if ('problem' in r && FILE_CHAIN_CODES.has(r.problem.code)) out.push(r.problem);
  }
  for (const s of Object.values(cli.ssoSessions)) {
    const missing = ['sso_start_url', 'sso_region'].filter((k) => typeof s.settings[k] !== 'string' || s.settings[k] === '');
    if (missing.length === 0) continue;
    const at = s.sources[0]!;
    out.push(
      problem('sso-session-incomplete', `[sso-session ${s.name}] (line ${at.line} of ${at.file}) has no ${missing.join(' and no ')}. Add ${missing.length === 1 ? 'it' : 'them'}, or run \`aws configure sso-session\`.`, {
        file: at.file,
        line: at.line,
      }),
    );
  }
  return out;
}

// One problem per (code, file, line, profile); and per line only the most specific of the parse/structure kinds.
function dedupe(all: Problem[]): Problem[] {
  const rank = (p: Problem) => {
    const i = PRIORITY.indexOf(p.code);
    return i === -1 ? PRIORITY.length : i;
  };
  const bestOnLine = new Map<string, number>();
  for (const p of all) {
    if (!LINE_EXCLUSIVE.has(p.code) || p.line === undefined) continue;
    const id = `${p.file}\u0000${p.line}`;
    bestOnLine.set(id, Math.min(bestOnLine.get(id) ?? Infinity, rank(p)));
  }
  const sdkFails = new Set(all.filter((p) => p.code === 'sdk-parse-error').map((p) => `${p.file}\u0000${p.line}`));
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (let p of all) {
    // The SDKs fail on the whole file because of this line: the difference is an error, not a warning.
    if (p.code === 'reading-differs' && sdkFails.has(`${p.file}\u0000${p.line}`)) p = { ...p, severity: 'error' };
    if (LINE_EXCLUSIVE.has(p.code) && p.line !== undefined && rank(p) > bestOnLine.get(`${p.file}\u0000${p.line}`)!) continue;
    const id = `${p.code}\u0000${p.file}\u0000${p.line}\u0000${p.profile}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(p);
  }
  return out;
}
