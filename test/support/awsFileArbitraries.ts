// fast-check generators of AWS config/credentials files and of edits to them (shared by the unit
// property tests and the sample checked with the real AWS CLI).
import fc from 'fast-check';
import type { SectionChanges, SectionTarget } from '../../src/core/awsFileEdits';
import { cliConfigSection } from '../../src/core/iniCli';

/** A random file, a target section and the changes to make. */
export interface EditCase {
  text: string;
  target: SectionTarget;
  changes: SectionChanges;
}

/** Options: `cliClean` keeps to files the AWS CLI accepts (no BOM, duplicates, stray lines) and profile targets. */
export interface ArbOptions {
  cliClean?: boolean;
}

const NAMES = ['dev', 'prod', 'default', 'a b', 'ünï', '日本', 'x.y'];
const KEYS = ['region', 'output', 'Region', 'sso_session', 'aws_access_key_id', 's3', 'role_arn', 'x-y'];
const SUBS = ['max_concurrent_requests', 'addressing_style', 'Foo'];
const CHANGE_KEYS = ['region', 'output', 'sso_start_url', 's3.max_concurrent_requests', 's3.addressing_style', 's3.Foo', 'new_key', 'aws_access_key_id', 'role_arn', 'x-y'];

// Values as they appear in files: inner spaces, inline comments, quotes, brackets, non-ASCII.
const fileValue = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '#', ';', ' ', '=', ':', 'é', '日', '🙂', '"', "'", '[', ']', '/'), maxLength: 8 });
// Values we write: the same alphabet, without surrounding spaces (those are refused, tested apart).
const newValue = fileValue.map((s) => s.trim());

function header(file: 'config' | 'credentials', clean: boolean): fc.Arbitrary<string> {
  const name = fc.constantFrom(...NAMES);
  if (file === 'credentials') return fc.oneof(name.map((n) => `[${n}]`), ...(clean ? [] : [name.map((n) => `[profile ${n}]`)]));
  const quote = (n: string) => (/\s/.test(n) ? `'${n}'` : n);
  return fc.oneof(
    { weight: 4, arbitrary: name.map((n) => (n === 'default' ? '[default]' : `[profile ${quote(n)}]`)) },
    { weight: 1, arbitrary: name.map((n) => `[profile "${n}"]`) },
    { weight: 1, arbitrary: name.map((n) => `[profile ${n}]`) },
    { weight: 1, arbitrary: name.map((n) => `[sso-session ${quote(n)}]`) },
    { weight: 1, arbitrary: name.map((n) => `[services ${quote(n)}]`) },
    { weight: 1, arbitrary: fc.constantFrom('[plugins]', '[preview]', '[profile]', '[profile a b]', '[ profile dev ]') },
  );
}

const indent = fc.constantFrom('', '', '', '  ', '\t');
const delim = fc.constantFrom(' = ', '=', ': ', ' =', ' : ', '  =  ');

/** One logical chunk of a file (one or more lines). */
function chunk(file: 'config' | 'credentials', clean: boolean): fc.Arbitrary<string[]> {
  const keyLine = fc.tuple(clean ? fc.constant('') : indent, fc.constantFrom(...KEYS), delim, fileValue).map(([i, k, d, v]) => [`${i}${k}${d}${v}`]);
  const nested = fc
    .tuple(fc.constantFrom('s3', 'sts', 'S3'), fc.array(fc.tuple(fc.constantFrom('    ', '  ', '\t'), fc.constantFrom(...SUBS), fc.constantFrom(' = ', '='), fileValue), { minLength: 0, maxLength: 3 }))
    .map(([k, subs]) => [`${k} =`, ...subs.map(([i, s, d, v]) => `${i}${s}${d}${v}`)]);
  const continuation = fileValue.map((v) => [`    ${v}x`]);
  const comment = fc.tuple(fc.constantFrom('', '  '), fc.constantFrom('#', ';'), fileValue).map(([i, c, v]) => [`${i}${c}${v}`]);
  const blank = fc.constantFrom<string[]>([''], ['   '], ['\t']);
  const garbage = fc.constantFrom<string[]>(['garbage line'], ['[unclosed'], ['= novalue']);
  return fc.oneof(
    { weight: 3, arbitrary: header(file, clean).map((h) => [h]) },
    // An indented header is a header only when no setting above it is indented less (else a continuation).
    { weight: clean ? 0 : 1, arbitrary: fc.tuple(fc.constantFrom('  ', '\t', '    '), header(file, clean)).map(([i, h]) => [i + h]) },
    { weight: 6, arbitrary: keyLine },
    { weight: 2, arbitrary: nested },
    { weight: clean ? 0 : 1, arbitrary: continuation },
    { weight: 2, arbitrary: comment },
    { weight: 2, arbitrary: blank },
    { weight: clean ? 0 : 1, arbitrary: garbage },
  );
}

/** A random file's text. */
export function arbFile(file: 'config' | 'credentials', opts: ArbOptions = {}): fc.Arbitrary<string> {
  const clean = opts.cliClean === true;
  return fc
    .tuple(
      fc.option(header(file, clean), { freq: 5 }),
      fc.array(chunk(file, clean), { maxLength: 14 }),
      fc.array(fc.constantFrom('\n', '\n', '\n', '\r\n'), { minLength: 40, maxLength: 40 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 10 }),
    )
    .map(([first, chunks, eols, finalNewline, bomRoll]) => {
      const lines = [...(first === null ? [] : [first]), ...chunks.flat()];
      let text = lines.map((l, i) => l + (i === lines.length - 1 && !finalNewline ? '' : eols[i % eols.length])).join('');
      // About one file in ten starts with a BOM (fast-check favours the bounds, so not 1 or 10).
      if (!clean && bomRoll === 7) text = '\uFEFF' + text;
      return text;
    })
    .filter((text) => !clean || isCliClean(text));
}

// Files the AWS CLI reads without refusing: no section or key written twice (checked loosely; the
// peer test re-checks with the reader's problems).
function isCliClean(text: string): boolean {
  const seen = new Set<string>();
  let section = '';
  let keys = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const h = /^\[(.+)\]/.exec(line);
    if (h) {
      if (seen.has(h[1]!)) return false;
      seen.add(h[1]!);
      section = h[1]!;
      keys = new Set();
      continue;
    }
    const k = /^([^\s=:][^=:]*?)\s*[=:]/.exec(line);
    if (k) {
      if (!section || keys.has(k[1]!.toLowerCase())) return false;
      keys.add(k[1]!.toLowerCase());
    }
  }
  return true;
}

/** A random target and random changes (sets and removals, plain keys and sub-settings). */
export function arbTarget(file: 'config' | 'credentials', opts: ArbOptions = {}): fc.Arbitrary<SectionTarget> {
  const name = fc.constantFrom(...NAMES);
  if (file === 'credentials' || opts.cliClean) return name.map((n) => ({ file, kind: 'profile' as const, name: n }));
  return fc.tuple(fc.constantFrom('profile', 'profile', 'profile', 'sso-session', 'services') as fc.Arbitrary<SectionTarget['kind']>, name).map(([kind, n]) => ({ file, kind, name: n }));
}

/** Random changes: one to three keys, each set to a value or removed. */
export const arbChanges: fc.Arbitrary<SectionChanges> = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...CHANGE_KEYS), fc.option(newValue, { freq: 4 })), { minLength: 1, maxLength: 3, selector: ([k]) => k })
  .map((entries) => Object.fromEntries(entries));

/** The sections a text names (by its unindented headers), as targets. */
function targetsIn(text: string, file: 'config' | 'credentials', opts: ArbOptions): SectionTarget[] {
  const out: SectionTarget[] = [];
  for (const line of text.split(/\r?\n/)) {
    const h = /^\uFEFF?\[(.+)\]/.exec(line);
    if (!h) continue;
    if (file === 'credentials') out.push({ file, kind: 'profile', name: h[1]! });
    else {
      const m = cliConfigSection(h[1]!);
      if (m.kind !== 'other' && (!opts.cliClean || m.kind === 'profile')) out.push({ file, kind: m.kind, name: m.name });
    }
  }
  return out.filter((t) => t.name.trim() === t.name && t.name !== '' && !t.name.includes(']') && t.name !== 'DEFAULT');
}

/** A whole case: file, target (mostly a section the file has), changes. */
export function arbEditCase(opts: ArbOptions = {}): fc.Arbitrary<EditCase> {
  const forFile = (file: 'config' | 'credentials') =>
    fc.tuple(arbFile(file, opts), arbTarget(file, opts), fc.nat(), fc.integer({ min: 0, max: 3 }), arbChanges).map(([text, random, pick, roll, changes]) => {
      const present = targetsIn(text, file, opts);
      const target = present.length > 0 && roll > 0 ? present[pick % present.length]! : random;
      return { text, target, changes };
    });
  return fc.oneof({ weight: 2, arbitrary: forFile('config') }, { weight: 1, arbitrary: forFile('credentials') });
}
