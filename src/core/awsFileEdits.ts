// Byte-preserving edits of the AWS config and credentials files: text in, text out.
// The structure is located with the same rules botocore's configparser uses (comments, continuation
// by indentation, `key: value`, case-insensitive keys, shlex-split section names), so an edit lands
// exactly where the AWS CLI v2 will read it, and every line we do not edit keeps its bytes.
import type { LineEdit } from './model';
import { cliConfigSection } from './iniCli';
import { firstNonSpace, pyRstrip, pyStrip } from './pyText';
import { dominantEol, joinLines, splitLines, type SplitText, type TextLine } from './textLines';

/** Which section of which file an edit goes to. */
export interface SectionTarget {
  file: 'config' | 'credentials';
  kind: 'profile' | 'sso-session' | 'services';
  name: string;
}

/** Key → new value, or null to remove the key. `a.b` is sub-property `b` of `a` (as `aws configure set` writes). */
export type SectionChanges = Record<string, string | null>;

/** An edit we refuse (bad key, value the CLI could not read back, …). The message names keys and sections, never values. */
export class EditError extends Error {
  override name = 'EditError';
}

/** The keys `aws configure set` writes to the credentials file; everything else goes to the config file. */
export const CREDENTIALS_FILE_KEYS: readonly string[] = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];

// configparser's SECTCRE and OPTCRE (delimiters = and :), applied to the stripped line.
const SECTION_RE = /^\[([^\n]+)\]/;
const indentOf = (s: string): number => {
  const i = firstNonSpace(s);
  return i === -1 ? s.length : i;
};
const leadingSpace = (s: string): string => s.slice(0, indentOf(s));

/** OPTCRE on a line: the key (up to the first = or :, right-stripped), and where the value starts. */
function splitOption(line: string): { key: string; delimiter: number; valueStart: number } | null {
  let d = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 61 /* = */ || c === 58 /* : */) {
      d = i;
      break;
    }
  }
  if (d === -1) return null;
  return { key: pyRstrip(line.slice(0, d)), delimiter: d, valueStart: d + 1 + indentOf(line.slice(d + 1)) };
}
// Characters that would split a value into lines for Python (file reading, or str.splitlines in nested values).
const LINE_BREAKS = /[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]/;
const KEY_RE = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

// ── Structure: sections and options, located with configparser's state machine ───────────────
interface SubLine {
  key: string;
  index: number;
}
interface OptionBlock {
  /** Lower-cased, as configparser's optionxform does. */
  key: string;
  index: number;
  indent: number;
  /** Value on the key line (stripped). */
  value: string;
  /** Last line of the block: the last real continuation line, or the key line. */
  end: number;
  /** Indices of real continuation lines (not blank, not comment). */
  conts: number[];
}
interface SectionBlock {
  header: string;
  index: number;
  options: OptionBlock[];
  /** Last line that is not blank or a comment (the header when the section is empty). */
  lastContent: number;
  /** Parser state after lastContent: is an option open, and at which indentation. */
  openOption: boolean;
  indentLevel: number;
  /** Index of the next section header, or the line count. */
  next: number;
}

function scan(lines: TextLine[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let cur: SectionBlock | null = null;
  let opt: OptionBlock | null = null;
  let indentLevel = 0;
  for (let i = 0; i < lines.length; i++) {
    // Python's universal newlines also end a line at a lone \r: such a line is several lines to botocore.
    const whole = lines[i]!.text;
    for (const text of whole.includes('\r') ? whole.split('\r') : [whole]) {
      const stripped = pyStrip(text);
      if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) continue;
      const indent = indentOf(text);
      if (cur && opt && indent > indentLevel) {
        opt.conts.push(i);
        opt.end = i;
        cur.lastContent = i;
        continue;
      }
      indentLevel = indent;
      const header = SECTION_RE.exec(stripped);
      if (header) {
        if (cur) cur.next = i;
        cur = { header: header[1]!, index: i, options: [], lastContent: i, openOption: false, indentLevel: indent, next: lines.length };
        sections.push(cur);
        opt = null;
        continue;
      }
      if (!cur) continue;
      const m = splitOption(stripped);
      if (m) {
        opt = { key: m.key.toLowerCase(), index: i, indent, value: stripped.slice(m.valueStart), end: i, conts: [] };
        cur.options.push(opt);
      }
      // A line configparser cannot parse resets the indentation but leaves the open option as it was.
      cur.lastContent = i;
      cur.openOption = opt !== null;
      cur.indentLevel = indentLevel;
    }
  }
  return sections;
}

/** Does a header name the target, as botocore maps headers to profiles and sessions? */
function headerMatches(header: string, target: SectionTarget): boolean {
  if (target.file === 'credentials') return target.kind === 'profile' && header === target.name;
  const meaning = cliConfigSection(header);
  return meaning.kind === target.kind && meaning.name === target.name;
}

/** The header text we write for a new section. */
function newHeader(target: SectionTarget): string {
  if (target.file === 'credentials') return target.name;
  if (target.kind === 'profile' && target.name === 'default') return 'default';
  const plain = `${target.kind} ${target.name}`;
  const meaning = cliConfigSection(plain);
  if (meaning.kind === target.kind && meaning.name === target.name) return plain;
  // Quote as the AWS CLI does (shlex.quote), whenever the bare name would not split back to itself.
  return `${target.kind} '${target.name.replace(/'/g, `'"'"'`)}'`;
}

function describe(target: SectionTarget): string {
  const where = target.file === 'config' ? 'the config file' : 'the credentials file';
  const what = target.kind === 'profile' ? 'profile' : target.kind === 'sso-session' ? 'sso-session' : 'services section';
  return `${what} \`${target.name}\` in ${where}`;
}

function checkTarget(target: SectionTarget): void {
  const n = target.name;
  if (n === '' || LINE_BREAKS.test(n) || /[\x00-\x1f\x7f]/.test(n)) throw new EditError(`A ${target.kind} name must be one line of printable text.`);
  if (pyStrip(n) !== n) throw new EditError(`The ${target.kind} name \`${n}\` starts or ends with a space; AWS tools would not find it.`);
  if (target.file === 'credentials') {
    if (target.kind !== 'profile') throw new EditError(`The credentials file holds only profiles, not ${target.kind} sections.`);
    if (n === 'DEFAULT') throw new EditError('A profile named `DEFAULT` cannot be written to the credentials file: the AWS CLI reads that section as defaults for every profile.');
    if (n.includes(']')) throw new EditError(`The profile name \`${n}\` contains ], which the credentials file cannot hold.`);
  }
}

interface KeyChange {
  key: string;
  sub: string | null;
  value: string | null;
}

function parseChanges(changes: SectionChanges, target: SectionTarget): KeyChange[] {
  const out: KeyChange[] = [];
  const plain = new Set<string>();
  const nested = new Set<string>();
  for (const [raw, value] of Object.entries(changes)) {
    const parts = raw.split('.');
    if (parts.length > 2 || !parts.every((p) => KEY_RE.test(p))) {
      // The bad name is not quoted: a pasted secret can end up where a name was expected.
      throw new EditError('A setting name must be letters, digits, _ and - (with at most one dot, for a sub-setting such as s3.max_concurrent_requests).');
    }
    const key = parts[0]!.toLowerCase();
    const sub = parts.length === 2 ? parts[1]! : null;
    if (value !== null) {
      if (LINE_BREAKS.test(value)) throw new EditError(`The value for \`${raw}\` contains a line break; the AWS CLI could not read it back.`);
      if (pyStrip(value) !== value) throw new EditError(`The value for \`${raw}\` starts or ends with a space; the AWS CLI would drop it when reading.`);
    }
    (sub === null ? plain : nested).add(key);
    if (plain.has(key) && nested.has(key)) throw new EditError(`\`${key}\` and a sub-setting of it cannot be changed in one edit of ${describe(target)}.`);
    if (out.some((c) => c.key === key && c.sub === sub)) throw new EditError(`\`${raw}\` is given twice.`);
    out.push({ key, sub, value });
  }
  return out;
}

// ── Planning: per-line replacements and deletions, plus insertions between lines ──────────────
interface Plan {
  /** Line index → new text (string) or deletion (null). */
  ops: Map<number, string | null>;
  inserts: { pos: number; prio: number; seq: number; lines: string[] }[];
}

// The key line up to where its value starts (indentation, key spelling and spacing kept). A `key: value`
// line gets `=` instead, which every AWS SDK reads too (they do not accept `:`).
function keyLinePrefix(text: string, value: string): string {
  const lead = indentOf(text);
  const m = splitOption(text.slice(lead))!;
  if (text[lead + m.delimiter] === ':') return text.slice(0, lead) + pyRstrip(text.slice(lead, lead + m.delimiter)) + (value === '' ? ' =' : ' = ');
  let prefix = text.slice(0, lead + m.valueStart);
  if (value !== '' && prefix.length === text.length && /\s=$/.test(prefix)) prefix += ' ';
  return prefix;
}

function subLines(lines: TextLine[], o: OptionBlock): SubLine[] {
  const out: SubLine[] = [];
  for (const i of o.conts) {
    const s = pyStrip(lines[i]!.text);
    const eq = s.indexOf('=');
    if (eq !== -1) out.push({ key: pyStrip(s.slice(0, eq)), index: i });
  }
  return out;
}

function subLinePrefix(text: string, value: string): string {
  const eq = text.indexOf('=');
  const ws = leadingSpace(text.slice(eq + 1));
  const rest = text.slice(eq + 1 + ws.length);
  // A value that was empty keeps the spacing written after '=' (so the same edit twice changes nothing).
  const after = rest === '' ? ws : ws === '' && value !== '' && /\s$/.test(text.slice(0, eq)) ? ' ' : ws;
  return text.slice(0, eq + 1) + after;
}

function deleteBlock(plan: Plan, o: OptionBlock): void {
  for (let i = o.index; i <= o.end; i++) plan.ops.set(i, null);
}

/**
 * Where new keys go in a section: after its last setting, before the blank lines and comments that
 * introduce the next section — but after the last indented comment line among them (the SDKs would read
 * it as a continuation of a key added above it). Indented like the next section header (normally not at
 * all): never deeper, or that header would become a continuation; no shallower is needed, since a line
 * indented no deeper than the open setting is never its continuation.
 */
function appendPoint(lines: TextLine[], sec: SectionBlock): { pos: number; indent: number } {
  let pos = sec.lastContent + 1;
  for (let j = pos; j < sec.next; j++) {
    const t = lines[j]!.text;
    if (pyStrip(t) !== '' && indentOf(t) > 0) pos = j + 1;
  }
  return { pos, indent: sec.next < lines.length ? indentOf(lines[sec.next]!.text) : 0 };
}

function planSectionKeys(split: SplitText, target: SectionTarget, changes: SectionChanges): Plan {
  checkTarget(target);
  const list = parseChanges(changes, target);
  const { lines } = split;
  const sections = scan(lines);
  const plan: Plan = { ops: new Map(), inserts: [] };
  let seq = 0;
  // Sections naming the target, grouped by header text in order of first appearance. botocore merges a
  // header written twice (and then refuses the file) and keeps the header that appeared last; the SDKs may
  // prefer another spelling (`[profile default]` over `[default]`), so a key is set in every group.
  const groups: SectionBlock[][] = [];
  for (const s of sections) {
    if (!headerMatches(s.header, target)) continue;
    const g = groups.find((x) => x[0]!.header === s.header);
    if (g) g.push(s);
    else groups.push([s]);
  }
  const matching = groups.flat();
  const effectiveGroup = groups[groups.length - 1];
  const occurrences = (secs: SectionBlock[], key: string) => secs.flatMap((s) => s.options.filter((o) => o.key === key));
  const pad = (n: number) => ' '.repeat(n);
  const newSection: string[] = [];
  const appendLines = (group: SectionBlock[] | undefined, l: string[]) => {
    if (!group) {
      newSection.push(...l);
      return;
    }
    const at = appendPoint(lines, group[group.length - 1]!);
    plan.inserts.push({ pos: at.pos, prio: 1, seq: seq++, lines: l.map((x) => pad(at.indent) + x) });
  };

  for (const c of list) {
    const label = c.sub === null ? c.key : `${c.key}.${c.sub}`;
    if (c.value === null && c.sub === null) {
      for (const o of occurrences(matching, c.key)) deleteBlock(plan, o);
      continue;
    }
    if (c.value === null) {
      // Remove a sub-property; removing the last one removes the now empty parent, and the hidden copies of
      // it written earlier in the same section (which the removal would otherwise bring back).
      const adds = list.some((x) => x.key === c.key && x.sub !== null && x.value !== null);
      for (const group of groups) {
        const occ = occurrences(group, c.key);
        const effective = occ[occ.length - 1];
        for (const o of occ) {
          if (o.value !== '') continue;
          const gone = subLines(lines, o).filter((s) => s.key === c.sub);
          if (gone.length === 0) continue;
          const left = o.conts.filter((i) => !gone.some((g) => g.index === i) && plan.ops.get(i) !== null);
          if (left.length > 0 || (o === effective && adds)) for (const g of gone) plan.ops.set(g.index, null);
          else if (o === effective) for (const e of occ) deleteBlock(plan, e);
          else deleteBlock(plan, o);
        }
      }
      continue;
    }
    const value = c.value;
    for (const group of groups.length > 0 ? groups : [undefined]) {
      const occ = group ? occurrences(group, c.key) : [];
      const keep = occ[occ.length - 1];
      if (c.sub === null) {
        for (const o of occ) if (o !== keep) deleteBlock(plan, o);
        if (keep) {
          deleteBlock(plan, keep);
          plan.ops.set(keep.index, keyLinePrefix(lines[keep.index]!.text, value) + value);
        } else appendLines(group, [`${c.key} = ${value}`]);
        continue;
      }
      // A sub-property: `key =` followed by indented `sub = value` lines.
      if (keep && keep.value !== '') {
        if (group !== effectiveGroup) continue; // a section the AWS CLI does not read: left alone
        throw new EditError(`\`${c.key}\` in ${describe(target)} has a plain value, so \`${label}\` cannot be added under it. Remove \`${c.key}\` first.`);
      }
      for (const o of occ) if (o !== keep) deleteBlock(plan, o);
      if (!keep) {
        const siblings = list.filter((x) => x.key === c.key && x.sub !== null && x.value !== null);
        if (siblings[0] !== c) continue; // written together with the first sub-setting of this key
        appendLines(group, [`${c.key} =`, ...siblings.map((x) => `    ${x.sub} = ${x.value}`)]);
        continue;
      }
      const subs = subLines(lines, keep).filter((s) => s.key === c.sub);
      const hit = subs[subs.length - 1];
      for (const s of subs) if (s !== hit) plan.ops.set(s.index, null);
      if (hit) {
        plan.ops.set(hit.index, subLinePrefix(lines[hit.index]!.text, value) + value);
      } else {
        const lastSub = keep.conts[keep.conts.length - 1];
        const subIndent = lastSub !== undefined ? indentOf(lines[lastSub]!.text) : keep.indent + 4;
        plan.inserts.push({ pos: keep.end + 1, prio: 0, seq: seq++, lines: [`${pad(subIndent)}${c.sub} = ${value}`] });
      }
    }
  }

  if (newSection.length > 0) {
    const head = `[${newHeader(target)}]`;
    const lastLine = lines[lines.length - 1];
    const gap = lastLine !== undefined && pyStrip(lastLine.text) !== '' ? [''] : [];
    plan.inserts.push({ pos: lines.length, prio: 2, seq: seq++, lines: [...gap, head, ...newSection] });
  }
  return plan;
}

function planRemoveSection(split: SplitText, target: SectionTarget): Plan {
  checkTarget(target);
  const { lines } = split;
  const plan: Plan = { ops: new Map(), inserts: [] };
  for (const s of scan(lines)) {
    if (!headerMatches(s.header, target)) continue;
    let end = s.lastContent;
    while (end + 1 < s.next && pyStrip(lines[end + 1]!.text) === '') end++;
    // The last section of a file takes the blank lines that separated it from the one before.
    let start = s.index;
    if (end === lines.length - 1) while (start > 0 && pyStrip(lines[start - 1]!.text) === '' && !plan.ops.has(start - 1)) start--;
    for (let i = start; i <= end; i++) plan.ops.set(i, null);
  }
  return plan;
}

/**
 * The whole-line edits that set or remove keys in one section (model.ts `LineEdit`s, for editors that
 * apply them with the document's own line ending; `file` is copied from the argument).
 * Throws EditError for edits the AWS CLI could not read back.
 */
export function sectionKeyEdits(text: string, target: SectionTarget, changes: SectionChanges, file = ''): LineEdit[] {
  const split = splitLines(text);
  const plan = planSectionKeys(split, target, changes);
  applyPlan(split, plan, target);
  return toLineEdits(plan, split.lines.length, file);
}

/** The whole-line edits that remove a section (every header botocore maps to the target) and the blank lines after it. */
export function removeSectionEdits(text: string, target: SectionTarget, file = ''): LineEdit[] {
  const split = splitLines(text);
  const plan = planRemoveSection(split, target);
  applyPlan(split, plan, target);
  return toLineEdits(plan, split.lines.length, file);
}

function toLineEdits(plan: Plan, count: number, file: string): LineEdit[] {
  const edits: LineEdit[] = [];
  const inserts = [...plan.inserts].sort((a, b) => a.pos - b.pos || a.prio - b.prio || a.seq - b.seq);
  let k = 0;
  let open: LineEdit | null = null;
  for (let i = 0; i <= count; i++) {
    const here: string[] = [];
    while (k < inserts.length && inserts[k]!.pos === i) here.push(...inserts[k++]!.lines);
    const op = i < count ? plan.ops.get(i) : undefined;
    if (here.length === 0 && op === undefined) {
      open = null;
      continue;
    }
    if (!open) {
      open = { file, startLine: i, deleteCount: 0, insert: [] };
      edits.push(open);
    }
    open.insert.push(...here);
    if (op !== undefined) {
      open.deleteCount++;
      if (op !== null) open.insert.push(op);
    } else {
      open = null;
    }
  }
  return edits;
}

/**
 * Applies a plan: replaced lines keep their own line ending, new lines get the file's dominant one;
 * the BOM and a missing final newline survive. Then checks that every other section still reads the
 * same (a line whose indentation would make configparser read it differently is refused, not written).
 */
function applyPlan(split: SplitText, plan: Plan, target: SectionTarget): string {
  const old = split.lines;
  for (const i of plan.ops.keys()) {
    if (old[i]!.text.includes('\r')) {
      throw new EditError(`Line ${i + 1} of the file ends with a lone carriage return (an old Mac line ending), which the AWS CLI reads as two lines; save the file with normal line endings first.`);
    }
  }
  const out = render(split, plan);
  const result = joinLines({ bom: split.bom, lines: out });
  if (plan.ops.size > 0 || plan.inserts.length > 0) {
    const others = (lines: TextLine[]) =>
      JSON.stringify(
        scan(lines)
          .filter((s) => !headerMatches(s.header, target))
          .map((s) => [s.header, s.options.map((o) => [o.key, o.value, o.conts.map((c) => pyStrip(lines[c]!.text))])]),
      );
    if (others(old) !== others(out)) {
      throw new EditError(`Editing ${describe(target)} would change how another section reads (unusual indentation around it); edit the file by hand.`);
    }
  }
  return result;
}

function render(split: SplitText, plan: Plan): TextLine[] {
  const eol = dominantEol(split);
  const old = split.lines;
  const noFinalNewline = old.length > 0 && old[old.length - 1]!.eol === '';
  const inserts = [...plan.inserts].sort((a, b) => a.pos - b.pos || a.prio - b.prio || a.seq - b.seq);
  const out: TextLine[] = [];
  const push = (text: string, e: TextLine['eol']) => out.push({ line: out.length + 1, text, eol: e === '' ? eol : e });
  let k = 0;
  for (let i = 0; i <= old.length; i++) {
    while (k < inserts.length && inserts[k]!.pos === i) for (const t of inserts[k++]!.lines) push(t, eol);
    if (i === old.length) break;
    const op = plan.ops.get(i);
    if (op === undefined) push(old[i]!.text, old[i]!.eol);
    else if (op !== null) push(op, old[i]!.eol);
  }
  // A file that ended without a newline still does (unless it now ends with a blank line, whose ending is all it has).
  if (noFinalNewline && out.length > 0 && out[out.length - 1]!.text !== '') out[out.length - 1]!.eol = '';
  return out;
}

/**
 * Sets (string) or removes (null) keys in one section, creating the section at the end when it is
 * missing. Every line outside the edited ones keeps its bytes. Throws EditError for edits the AWS
 * CLI could not read back (line breaks, surrounding spaces, bad names).
 */
export function setSectionKeys(text: string, target: SectionTarget, changes: SectionChanges): string {
  const split = splitLines(text);
  return applyPlan(split, planSectionKeys(split, target, changes), target);
}

/** Removes a section (all headers that name the same target) from a file's text. */
export function removeSection(text: string, target: SectionTarget): string {
  const split = splitLines(text);
  return applyPlan(split, planRemoveSection(split, target), target);
}

/** One file's share of a profile edit. */
export interface RoutedChanges {
  target: SectionTarget;
  changes: SectionChanges;
}

/**
 * Splits a profile's settings between the two files like `aws configure set`: access keys and the
 * session token to the credentials file, everything else to the config file.
 */
export function routeSettings(profileName: string, settings: SectionChanges): RoutedChanges[] {
  const config: SectionChanges = {};
  const credentials: SectionChanges = {};
  for (const [k, v] of Object.entries(settings)) {
    if (CREDENTIALS_FILE_KEYS.includes(k.toLowerCase())) credentials[k] = v;
    else config[k] = v;
  }
  const out: RoutedChanges[] = [];
  if (Object.keys(config).length > 0) out.push({ target: { file: 'config', kind: 'profile', name: profileName }, changes: config });
  if (Object.keys(credentials).length > 0) out.push({ target: { file: 'credentials', kind: 'profile', name: profileName }, changes: credentials });
  return out;
}

/**
 * Plans a profile edit over both files so the AWS CLI reads the result back: routed like
 * `aws configure set`, but a removal applies to both files, and a config key that the credentials
 * file's section already sets (which wins there) is updated in the credentials file instead.
 */
export function planProfileEdit(profileName: string, settings: SectionChanges, credentialsText: string | null): RoutedChanges[] {
  const credTarget: SectionTarget = { file: 'credentials', kind: 'profile', name: profileName };
  const inCredentials = new Set<string>();
  if (credentialsText !== null) {
    for (const s of scan(splitLines(credentialsText).lines)) {
      if (headerMatches(s.header, credTarget)) for (const o of s.options) inCredentials.add(o.key);
    }
  }
  const config: SectionChanges = {};
  const credentials: SectionChanges = {};
  for (const [k, v] of Object.entries(settings)) {
    const top = k.split('.')[0]!.toLowerCase();
    if (v === null) {
      config[k] = v;
      if (inCredentials.has(top) || CREDENTIALS_FILE_KEYS.includes(top)) credentials[k] = v;
    } else if (CREDENTIALS_FILE_KEYS.includes(top) || inCredentials.has(top)) credentials[k] = v;
    else config[k] = v;
  }
  const out: RoutedChanges[] = [];
  if (Object.keys(config).length > 0) out.push({ target: { file: 'config', kind: 'profile', name: profileName }, changes: config });
  if (Object.keys(credentials).length > 0) out.push({ target: credTarget, changes: credentials });
  return out;
}
