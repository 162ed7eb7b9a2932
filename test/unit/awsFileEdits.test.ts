// Edits of the AWS files: examples, then property tests over random files and random edits, checked
// with our AWS CLI reader (iniCli.readAsCli) and by a diff of line arrays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  EditError,
  planProfileEdit,
  removeSection,
  removeSectionEdits,
  routeSettings,
  sectionKeyEdits,
  setSectionKeys,
  type SectionChanges,
  type SectionTarget,
} from '../../src/core/awsFileEdits';
import { cliConfigSection, readAsCli } from '../../src/core/iniCli';
import { isValidSdkName, readAsSdk } from '../../src/core/iniSdk';
import { readingDifferences } from '../../src/core/readingDiff';
import { applyLineEdits } from '../../src/core/lineEdits';
import type { FilesView, LineEdit, Section, SettingValue } from '../../src/core/model';
import { splitLines } from '../../src/core/textLines';
import { arbEditCase, type EditCase } from '../support/awsFileArbitraries';

fc.configureGlobal({ includeErrorInReport: true });

const dev: SectionTarget = { file: 'config', kind: 'profile', name: 'dev' };

// ── examples ──────────────────────────────────────────────────────────────────────────────────
const sample = '# top\n[default]\nregion = us-east-1\n\n# about dev\n[profile dev]\nRegion=eu\ns3 =\n    foo = 1\n\n[profile prod]\noutput: json';

test('updates in place keeping the key spelling, appends before the blank line, nests sub-settings', () => {
  assert.equal(
    setSectionKeys(sample, dev, { region: 'eu-west-1', output: 'text', 's3.bar': '2' }),
    '# top\n[default]\nregion = us-east-1\n\n# about dev\n[profile dev]\nRegion=eu-west-1\ns3 =\n    foo = 1\n    bar = 2\noutput = text\n\n[profile prod]\noutput: json',
  );
});

test('adds to the last section of a file without a final newline, and keeps it without one', () => {
  assert.equal(
    setSectionKeys(sample, { file: 'config', kind: 'profile', name: 'prod' }, { region: 'x', 's3.addressing_style': 'path' }),
    sample + '\nregion = x\ns3 =\n    addressing_style = path',
  );
});

test('a `key: value` line that is rewritten gets `=`, which the AWS SDKs read too', () => {
  assert.equal(setSectionKeys(sample, { file: 'config', kind: 'profile', name: 'prod' }, { output: 'text' }), sample.replace('output: json', 'output = text'));
});

test('creates a missing section at the end, separated by a blank line, quoted like the AWS CLI', () => {
  assert.equal(setSectionKeys(sample, { file: 'config', kind: 'profile', name: 'new one' }, { region: 'x' }), sample + "\n\n[profile 'new one']\nregion = x");
  assert.equal(setSectionKeys('', { file: 'credentials', kind: 'profile', name: 'a' }, { aws_access_key_id: 'AKIA' }), '[a]\naws_access_key_id = AKIA\n');
  assert.equal(setSectionKeys('[a]\nk = v\n\n', { file: 'config', kind: 'sso-session', name: 'corp' }, { sso_region: 'eu-west-1' }), '[a]\nk = v\n\n[sso-session corp]\nsso_region = eu-west-1\n');
  assert.equal(setSectionKeys('[default]\nk = v\n', { file: 'config', kind: 'services', name: 'local' }, { 'sts.endpoint_url': 'http://127.0.0.1:5000' }), '[default]\nk = v\n\n[services local]\nsts =\n    endpoint_url = http://127.0.0.1:5000\n');
});

test('keeps a BOM and CRLF line endings; removes keys with their continuation lines', () => {
  const t = '\uFEFF[a]\r\nx = 1\r\n  more\r\ny = 2\r\n';
  assert.equal(setSectionKeys(t, { file: 'credentials', kind: 'profile', name: 'a' }, { x: null, z: '3' }), '\uFEFF[a]\r\ny = 2\r\nz = 3\r\n');
});

test('removing the last sub-setting removes its parent; removing a section keeps its neighbours', () => {
  assert.equal(setSectionKeys(sample, dev, { 's3.foo': null }), '# top\n[default]\nregion = us-east-1\n\n# about dev\n[profile dev]\nRegion=eu\n\n[profile prod]\noutput: json');
  assert.equal(removeSection(sample, dev), '# top\n[default]\nregion = us-east-1\n\n# about dev\n[profile prod]\noutput: json');
  assert.equal(removeSection(sample, { file: 'config', kind: 'profile', name: 'prod' }), '# top\n[default]\nregion = us-east-1\n\n# about dev\n[profile dev]\nRegion=eu\ns3 =\n    foo = 1');
});

test('default: [default] is written, but an existing [profile default] is kept', () => {
  const d: SectionTarget = { file: 'config', kind: 'profile', name: 'default' };
  assert.equal(setSectionKeys('', d, { region: 'x' }), '[default]\nregion = x\n');
  assert.equal(setSectionKeys('[profile default]\noutput = json\n', d, { region: 'x' }), '[profile default]\noutput = json\nregion = x\n');
});

test('edits land where the readers look: every header naming the profile; new keys unindented', () => {
  const t = '[profile default]\n  region = b\n  output = json\n[default]\nregion = a\n[profile x]\n';
  // The CLI reads [default] (it came last), the SDKs [profile default]: both get the value.
  assert.equal(
    setSectionKeys(t, { file: 'config', kind: 'profile', name: 'default' }, { region: 'c', cli_pager: 'less' }),
    '[profile default]\n  region = c\n  output = json\ncli_pager = less\n[default]\nregion = c\ncli_pager = less\n[profile x]\n',
  );
  // An indented comment right below the last setting stays with it (the SDKs would read it as a continuation of a key added above it).
  assert.equal(setSectionKeys('[a]\nk = 1\n  # about k\n\n# next\n[b]\n', { file: 'credentials', kind: 'profile', name: 'a' }, { z: '2' }), '[a]\nk = 1\n  # about k\nz = 2\n\n# next\n[b]\n');
  // Under an indented next header, a new key is indented as deep, or the AWS CLI would read that header as part of the value.
  assert.equal(setSectionKeys('[a]\n  [b]\n', { file: 'credentials', kind: 'profile', name: 'a' }, { z: '2' }), '[a]\n  z = 2\n  [b]\n');
});

test('refuses values the AWS CLI could not read back, without echoing them', () => {
  for (const v of ['a\nb', ' lead', 'trail ', 'x\ry', 'a\u2028b']) {
    assert.throws(() => setSectionKeys('', dev, { aws_secret_access_key: v }), (e: unknown) => e instanceof EditError && !e.message.includes(v.trim()));
  }
  assert.throws(() => setSectionKeys('', dev, { 'a.b.c': 'x' }), EditError);
  assert.throws(() => setSectionKeys('', dev, { 'bad key': 'x' }), (e: unknown) => e instanceof EditError && !e.message.includes('bad key'));
  assert.throws(() => setSectionKeys('[a]\rregion = x\n', { file: 'credentials', kind: 'profile', name: 'a' }, { region: 'y' }), /lone carriage return/);
  assert.throws(() => setSectionKeys('', dev, { s3: 'x', 's3.a': 'y' }), EditError);
  assert.throws(() => setSectionKeys('[profile dev]\ns3 = plain\n', dev, { 's3.a': 'y' }), /plain value/);
  assert.throws(() => setSectionKeys('', { file: 'credentials', kind: 'profile', name: 'DEFAULT' }, { a: 'b' }), EditError);
  assert.throws(() => setSectionKeys('', { file: 'config', kind: 'profile', name: ' x' }, { a: 'b' }), EditError);
});

test('routes keys like aws configure set, and plans removals over both files', () => {
  assert.deepEqual(routeSettings('dev', { region: 'x', aws_access_key_id: 'A', aws_secret_access_key: 'S' }), [
    { target: { file: 'config', kind: 'profile', name: 'dev' }, changes: { region: 'x' } },
    { target: { file: 'credentials', kind: 'profile', name: 'dev' }, changes: { aws_access_key_id: 'A', aws_secret_access_key: 'S' } },
  ]);
  // region is already in the credentials file's [dev], where it wins: it is updated there.
  assert.deepEqual(planProfileEdit('dev', { region: 'x', output: 'json', aws_session_token: null }, '[dev]\nregion = a\n'), [
    { target: { file: 'config', kind: 'profile', name: 'dev' }, changes: { output: 'json', aws_session_token: null } },
    { target: { file: 'credentials', kind: 'profile', name: 'dev' }, changes: { region: 'x', aws_session_token: null } },
  ]);
});

test('line edits for editors apply to the same reading', () => {
  const edits = sectionKeyEdits(sample, dev, { region: 'x', output: 'text' }, '/c');
  assert.deepEqual(edits, [
    { file: '/c', startLine: 6, deleteCount: 1, insert: ['Region=x'] },
    { file: '/c', startLine: 9, deleteCount: 0, insert: ['output = text'] },
  ]);
  assert.equal(applyLineEdits(sample, edits), setSectionKeys(sample, dev, { region: 'x', output: 'text' }));
});

// ── properties ───────────────────────────────────────────────────────────────────────────────
function view(c: EditCase, text: string): FilesView {
  return c.target.file === 'config'
    ? readAsCli({ path: '/config', text }, { path: '/credentials', text: null })
    : readAsCli({ path: '/config', text: null }, { path: '/credentials', text });
}

function sectionOf(v: FilesView, t: SectionTarget): Section | undefined {
  if (t.kind === 'profile') return v.profiles[t.name];
  return t.kind === 'sso-session' ? v.ssoSessions[t.name] : v.services[t.name];
}

function others(v: FilesView, t: SectionTarget): Record<string, Record<string, SettingValue>> {
  const out: Record<string, Record<string, SettingValue>> = {};
  for (const [kind, rec] of [['profile', v.profiles], ['sso-session', v.ssoSessions], ['services', v.services]] as const) {
    for (const [n, s] of Object.entries(rec)) if (!(kind === t.kind && n === t.name)) out[`${kind}:${n}`] = s.settings;
  }
  return out;
}

/**
 * Line ranges (0-based, [start, end)) of every header that names the target. The headers are found by a
 * small oracle of configparser's rule (a line indented deeper than an open setting continues it), written
 * apart from the code under test; the generator uses only spaces and tabs, so trim() is Python's strip().
 */
function targetSpans(text: string, t: SectionTarget): [number, number][] {
  const lines = splitLines(text).lines;
  const heads: { i: number; name: string }[] = [];
  let inSection = false;
  let open = false;
  let level = 0;
  lines.forEach((l, i) => {
    const s = l.text.trim();
    if (s === '' || s.startsWith('#') || s.startsWith(';')) return;
    const indent = l.text.length - l.text.trimStart().length;
    if (inSection && open && indent > level) return;
    level = indent;
    const m = /^\[(.+)\]/.exec(s);
    if (m) {
      heads.push({ i, name: m[1]! });
      inSection = true;
      open = false;
    } else if (inSection && /[=:]/.test(s)) open = true;
  });
  const spans: [number, number][] = [];
  heads.forEach((h, k) => {
    const m = cliConfigSection(h.name);
    const names = t.file === 'credentials' ? h.name === t.name : m.kind === t.kind && m.name === t.name;
    if (names) spans.push([h.i, k + 1 < heads.length ? heads[k + 1]!.i : lines.length]);
  });
  return spans;
}

/**
 * Every byte outside the edited lines survives: the lines the edits do not touch, in order and with their
 * own endings, are a subsequence of the new lines, and the new file has exactly as many more lines as the
 * edits insert. (Only the line that ends the file may trade its ending, so a missing final newline stays
 * missing.)
 */
function assertOnlyEditedLinesChanged(before: string, after: string, edits: LineEdit[]): void {
  const a = splitLines(before);
  const b = splitLines(after);
  assert.equal(b.bom, a.bom, 'BOM kept');
  const edited = new Set<number>();
  for (const e of edits) for (let i = e.startLine; i < e.startLine + e.deleteCount; i++) edited.add(i);
  const lastOld = a.lines.length - 1;
  const lastNew = b.lines.length - 1;
  const same = (i: number, j: number) => a.lines[i]!.text === b.lines[j]!.text && (a.lines[i]!.eol === b.lines[j]!.eol || i === lastOld || j === lastNew);
  let j = 0;
  for (let i = 0; i < a.lines.length; i++) {
    if (edited.has(i)) continue;
    while (j < b.lines.length && !same(i, j)) j++;
    assert.ok(j < b.lines.length, `unedited line ${i + 1} was lost or changed`);
    j++;
  }
  const inserted = edits.reduce((n, e) => n + e.insert.length, 0);
  assert.equal(b.lines.length, a.lines.length - edited.size + inserted, 'line count');
  if (a.lines.length > 0 && b.lines.length > 0 && b.lines[lastNew]!.text !== '') assert.equal(b.lines[lastNew]!.eol === '', a.lines[lastOld]!.eol === '', 'final newline kept as it was');
}

const counts = { cases: 0, refusedExpected: 0, refusedIndent: 0, created: 0 };

function checkCase(c: EditCase): void {
  counts.cases++;
  const before = view(c, c.text);
  const beforeSection = sectionOf(before, c.target);
  let after: string;
  try {
    after = setSectionKeys(c.text, c.target, c.changes);
  } catch (e) {
    if (!(e instanceof EditError)) throw e;
    const keys = Object.keys(c.changes);
    const mixes = keys.some((k) => !k.includes('.') && keys.some((o) => o.startsWith(`${k.toLowerCase()}.`)));
    const plainParent = keys.some((k) => {
      const [top, sub] = k.split('.');
      const v = beforeSection?.settings[top!.toLowerCase()];
      return sub !== undefined && c.changes[k] !== null && typeof v === 'string' && v !== '';
    });
    if (mixes || plainParent) {
      counts.refusedExpected++;
      return;
    }
    if (/unusual indentation/.test(e.message)) {
      counts.refusedIndent++;
      return;
    }
    throw e;
  }
  const v = view(c, after);
  const s = sectionOf(v, c.target);
  // 1. The new values read back; removed keys are gone.
  for (const [k, val] of Object.entries(c.changes)) {
    const [top0, sub] = k.split('.');
    const top = top0!.toLowerCase();
    const got = s?.settings[top];
    if (sub === undefined) assert.deepEqual(got, val === null ? undefined : val, `${k} after edit`);
    else if (val !== null) assert.equal(typeof got === 'object' ? got[sub] : undefined, val, `${k} after edit`);
    else assert.ok(typeof got !== 'object' || !(sub in got), `${k} removed`);
  }
  if (!beforeSection) counts.created++;
  // 2. Every other key of the section, and every other section, reads the same.
  const changedTop = new Set(Object.keys(c.changes).map((k) => k.split('.')[0]!.toLowerCase()));
  const rest = (sec: Section | undefined) => {
    const out: Record<string, SettingValue> = {};
    for (const [k, val] of Object.entries(sec?.settings ?? {})) if (!changedTop.has(k)) out[k] = val;
    return out;
  };
  assert.deepEqual(rest(s), rest(beforeSection), 'other keys of the section');
  for (const top of changedTop) {
    const subsChanged = Object.keys(c.changes).filter((k) => k.toLowerCase().startsWith(`${top}.`)).map((k) => k.split('.')[1]!);
    const b = beforeSection?.settings[top];
    const a = s?.settings[top];
    if (subsChanged.length > 0 && typeof b === 'object') {
      const keep = (x: SettingValue | undefined) => Object.fromEntries(Object.entries(typeof x === 'object' ? x : {}).filter(([sk]) => !subsChanged.includes(sk)));
      assert.deepEqual(keep(a), keep(b), `other sub-settings of ${top}`);
    }
  }
  assert.deepEqual(others(v, c.target), others(before, c.target), 'other sections');
  const oldCodes = new Set(before.problems.map((p) => p.code));
  assert.deepEqual(v.problems.filter((p) => !oldCodes.has(p.code)).map((p) => p.code), [], 'no new kind of problem');
  // 3. Every byte outside the edited lines survives: a diff of the line arrays.
  const edits = sectionKeyEdits(c.text, c.target, c.changes);
  assertOnlyEditedLinesChanged(c.text, after, edits);
  const a = splitLines(c.text);
  // Edited lines lie inside a section that names the target; insertions elsewhere only at the end.
  const spans = targetSpans(c.text, c.target);
  for (const e of edits) {
    const inside = spans.some(([lo, hi]) => e.startLine > lo && e.startLine + e.deleteCount <= hi);
    assert.ok(inside || (e.deleteCount === 0 && e.startLine === a.lines.length), `edit at line ${e.startLine + 1} is outside the target section`);
  }
  // 4. New lines use the file's endings, and the same edit again changes nothing.
  assert.equal(setSectionKeys(after, c.target, c.changes), after, 'idempotent');
  // 5. Editors applying the LineEdits get the same reading.
  assert.deepEqual(view(c, applyLineEdits(c.text, edits)).profiles, v.profiles);
}

test('property: random edits of random files read back, and nothing else changes (10,000 cases)', () => {
  fc.assert(fc.property(arbEditCase(), (c) => checkCase(c)), { numRuns: 10_000 });
  // The generator really exercises both outcomes and new sections.
  assert.ok(counts.created > counts.cases / 20 && counts.created < (counts.cases * 3) / 4, `created ${counts.created}`);
  // Setting keys never needs the indentation safety net (removing a whole section may).
  assert.equal(counts.refusedIndent, 0, `refused for indentation: ${counts.refusedIndent}`);
  if (process.env.EDITS_STATS) console.log(JSON.stringify(counts));
});

test('property: removing a section leaves every other section as it was', () => {
  fc.assert(
    fc.property(arbEditCase(), (c) => {
      const before = view(c, c.text);
      let after: string;
      try {
        after = removeSection(c.text, c.target);
      } catch (e) {
        if (e instanceof EditError && /unusual indentation/.test(e.message)) return;
        throw e;
      }
      const v = view(c, after);
      assert.equal(sectionOf(v, c.target), undefined);
      assert.deepEqual(others(v, c.target), others(before, c.target));
      assertOnlyEditedLinesChanged(c.text, after, removeSectionEdits(c.text, c.target));
    }),
    { numRuns: 2_000 },
  );
});

test('property: values and names the CLI could not read back are refused, never written', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '\t', '\u2028', '=') }), (value) => {
      const ok = value.trim() === value && !/[\n\r\u2028]/.test(value);
      try {
        const out = setSectionKeys('[profile dev]\n', dev, { region: value } as SectionChanges);
        assert.ok(ok, 'written although unreadable');
        assert.equal(readAsCli({ path: '/c', text: out }, { path: '/k', text: null }).profiles.dev!.settings.region, value);
      } catch (e) {
        assert.ok(e instanceof EditError && !ok);
      }
    }),
    { numRuns: 1_000 },
  );
});

test('property: where the AWS CLI and the SDKs read a file alike, they read it alike after an edit', () => {
  const differences = (c: EditCase, text: string) => {
    const config = { path: '/config', text: c.target.file === 'config' ? text : null };
    const credentials = { path: '/credentials', text: c.target.file === 'credentials' ? text : null };
    return readingDifferences(config, credentials, readAsCli(config, credentials), readAsSdk(config, credentials)).length;
  };
  const plainValues = (c: EditCase) => Object.values(c.changes).every((v) => v === null || !/[#;]/.test(v));
  fc.assert(
    // Values without # or ; (inline comments are a known difference), valid SDK names, files the CLI reads,
    // and no indented header or comment, no indented line right under a header, nor `[ x ]` (where the two
    // readings pick different sections or lines).
    fc.property(arbEditCase().filter((c) => plainValues(c) && isValidSdkName(c.target.name) && !/^[ \t]+[[#;]|^\[ |^\[.*\]\r?\n[ \t]+\S/m.test(c.text) && view(c, c.text).problems.every((p) => !p.blocksCli) && differences(c, c.text) === 0), (c) => {
      let after: string;
      try {
        after = setSectionKeys(c.text, c.target, c.changes);
      } catch (e) {
        if (e instanceof EditError) return;
        throw e;
      }
      assert.equal(differences(c, after), 0, `the readings differ after the edit: ${JSON.stringify(after)}`);
    }),
    { numRuns: 2_000 },
  );
});
