// Reading differences: what each reading sees, the message, and that the suggested edit makes both agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../src/core/analyzeFiles';
import { applyLineEdits } from '../../src/core/lineEdits';
import type { FilesAnalysis, Problem } from '../../src/core/model';

const CFG = '/home/u/.aws/config';
const CRED = '/home/u/.aws/credentials';
const analyze = (config: string, credentials = ''): FilesAnalysis => analyzeFiles({ path: CFG, text: config }, { path: CRED, text: credentials });
const only = (a: FilesAnalysis, code: string): Problem[] => a.problems.filter((p) => p.code === code);

function fixed(text: string, p: Problem): string {
  assert.ok(p.fix?.edits?.length, `problem ${p.code} has no edits`);
  return applyLineEdits(text, p.fix!.edits!);
}

test('an inline comment: the CLI keeps it, the SDKs drop it; moving it to its own line makes both agree', () => {
  const text = '[default]\nregion = us-east-1 # prod\n';
  const a = analyze(text);
  assert.equal(a.cli.profiles.default!.settings.region, 'us-east-1 # prod');
  assert.equal(a.sdk.profiles.default!.settings.region, 'us-east-1');
  const [p] = only(a, 'reading-differs');
  assert.ok(p);
  assert.equal(p.line, 2);
  assert.equal(p.file, CFG);
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /The AWS CLI reads `region` .* as `us-east-1 # prod` because it keeps inline comments; AWS SDKs read `us-east-1`/);
  const after = fixed(text, p);
  assert.equal(after, '[default]\n# prod\nregion = us-east-1\n');
  assert.deepEqual(analyze(after).problems, []);
});

test('`key: value`: the CLI accepts it, the SDKs fail on the whole file (an error); "=" fixes it', () => {
  const text = '[default]\r\nregion: us-west-2\r\n';
  const a = analyze(text);
  assert.equal(a.cli.profiles.default!.settings.region, 'us-west-2');
  const [p] = only(a, 'reading-differs');
  assert.ok(p);
  assert.equal(p.severity, 'error');
  assert.equal(only(a, 'sdk-parse-error').length, 0, 'one problem per line');
  const after = fixed(text, p);
  assert.equal(after, '[default]\r\nregion = us-west-2\r\n');
  assert.deepEqual(analyze(after).problems, []);
});

test('a header with spaces inside the brackets: the SDKs read it, the CLI ignores it', () => {
  const text = '[ profile dev ]\nregion = eu-west-1\n';
  const a = analyze(text);
  assert.equal(a.cli.profiles.dev, undefined);
  assert.equal(a.sdk.profiles.dev!.settings.region, 'eu-west-1');
  const [p] = only(a, 'reading-differs');
  assert.ok(p);
  assert.match(p.message, /AWS SDKs read line 1 .* as profile `dev`; the AWS CLI ignores it/);
  assert.deepEqual(analyze(fixed(text, p)).problems, []);
});

test('a quoted profile name: the CLI unquotes it, the SDKs drop it', () => {
  const text = '[profile "personal"]\nregion = a\n';
  const a = analyze(text);
  assert.ok(a.cli.profiles.personal);
  assert.equal(a.sdk.profiles.personal, undefined);
  const [p] = only(a, 'reading-differs');
  assert.ok(p);
  const after = fixed(text, p);
  assert.equal(after, '[profile personal]\nregion = a\n');
  assert.deepEqual(analyze(after).problems, []);
});

test('a profile name with a space: invalid for the SDKs, with a rename', () => {
  const text = '[profile my role]\nregion = a\n[profile "my role"]\nregion = b\n';
  const a = analyze(text);
  // `[profile my role]` is three words: botocore ignores it; the quoted one is the profile.
  assert.deepEqual(Object.keys(a.cli.profiles), ['my role']);
  const [ignored, p] = only(a, 'invalid-profile-name');
  assert.ok(ignored && p);
  assert.equal(ignored.line, 1);
  assert.match(ignored.message, /ignored by the AWS CLI and the AWS SDKs/);
  assert.equal(p.line, 3);
  assert.equal(only(a, 'reading-differs').filter((x) => x.line === 3).length, 0, 'one problem per line');
  const after = fixed(text, p);
  assert.match(after, /\[profile my-role\]\nregion = b/);
});

test('[DEFAULT] is inherited by the CLI only; the message says so and offers no blind edit', () => {
  const a = analyze('[DEFAULT]\nregion = x\n[default]\noutput = json\n');
  assert.equal(a.cli.profiles.default!.settings.region, 'x');
  assert.equal(a.sdk.profiles.default!.settings.region, undefined);
  const [p] = only(a, 'reading-differs');
  assert.ok(p);
  assert.equal(p.line, 2);
  assert.match(p.message, /\[DEFAULT\]/);
  assert.equal(p.fix, undefined);
});

test('a secret is never quoted, and a fix that would carry it is dropped', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRET';
  const a = analyze('', `[default]\naws_access_key_id = AKIAX\naws_secret_access_key = ${secret} # old\n`);
  const [p] = only(a, 'reading-differs');
  assert.ok(p);
  assert.doesNotMatch(JSON.stringify(a.problems), /SECRET/);
  assert.equal(p.fix, undefined);
});

test('blank and comment lines inside a continued value: the readings join different lines; deleting them fixes it', () => {
  const text = '[default]\nregion = a\n\n  b\n  # c\n  d\noutput = json\n';
  const a = analyze(text);
  assert.equal(a.cli.profiles.default!.settings.region, 'a\n\nb\nd');
  assert.equal(a.sdk.profiles.default!.settings.region, 'a\nb\n# c\nd');
  const [p] = only(a, 'reading-differs');
  assert.ok(p);
  assert.equal(p.line, 2);
  assert.match(p.message, /lines 3, 5/);
  const after = fixed(text, p);
  assert.equal(after, '[default]\nregion = a\n  b\n  d\noutput = json\n');
  const b = analyze(after);
  assert.equal(b.cli.profiles.default!.settings.region, b.sdk.profiles.default!.settings.region);
  assert.deepEqual(b.problems.map((x) => x.code), ['silent-continuation', 'silent-continuation']);
});

test('identical readings give no difference (sub-properties compare as maps)', () => {
  const a = analyze('[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n  Signature_Version = s3v4\n', '[default]\naws_access_key_id = A\naws_secret_access_key = B\n');
  assert.deepEqual(a.problems, []);
  assert.deepEqual({ ...(a.cli.profiles.default!.settings.s3 as object) }, { addressing_style: 'path', Signature_Version: 's3v4' });
  assert.equal(a.sdk.profiles.default!.settings.s3, '\naddressing_style = path\nSignature_Version = s3v4');
});

test('names that are Object members are ordinary names (no prototype pollution, no crash)', () => {
  const a = analyze('[profile constructor]\nsource_profile = toString\nrole_arn = arn:aws:iam::1:role/r\n[profile __proto__]\n__proto__ = x\nregion = y\n', '[hasOwnProperty]\naws_access_key_id = A\n');
  assert.deepEqual(Object.keys(a.cli.profiles), ['constructor', '__proto__', 'hasOwnProperty']);
  assert.equal(a.cli.profiles['__proto__']!.settings['__proto__'], 'x');
  assert.equal(({} as Record<string, unknown>).region, undefined);
  assert.ok(a.problems.some((p) => p.code === 'source-profile-missing' && p.profile === 'constructor'));
});

test('the same profile read from different sections ([profile default] then [default]) is a difference', () => {
  const a = analyze('[profile default]\nregion = a\n[default]\nregion = a\n');
  assert.equal(a.cli.profiles.default!.sources[0]!.line, 3);
  assert.equal(a.sdk.profiles.default!.sources[0]!.line, 1);
  const [p] = only(a, 'reading-differs');
  assert.ok(p);
  assert.equal(p.line, 3);
  assert.match(p.message, /from the section on line 3; AWS SDKs read it from line 1/);
});
