// Bad input never throws: folders, unreadable files, dangling links, devices, invalid UTF-8, huge files,
// random bytes and random line soups all become problems naming the file. (Speed is shown in bench/, not here.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { decode, firstInvalidUtf8, readFileInput, readAwsFiles } from '../../src/node/readAwsFiles';
import { analyzeFiles } from '../../src/core/analyzeFiles';
import { buildProfilesJson } from '../../src/cli/profilesJson';
import { applyLineEdits } from '../../src/core/lineEdits';

const tmp = () => mkdtempSync(join(tmpdir(), 'aws-prereqs-bad-'));

test('a missing file is absent, not a problem', async () => {
  assert.deepEqual(await readFileInput('/nonexistent/aws-prereqs/config'), { path: '/nonexistent/aws-prereqs/config', text: null });
});

test('a folder, a dangling link, a device and an unreadable file are problems naming the file', async (t) => {
  const d = tmp();
  t.after(() => rmSync(d, { recursive: true, force: true }));
  mkdirSync(join(d, 'folder'));
  symlinkSync(join(d, 'nowhere'), join(d, 'dangling'));
  const folder = await readFileInput(join(d, 'folder'));
  assert.equal(folder.errorCode, 'file-unreadable');
  assert.match(folder.error!, /is a folder/);
  const dangling = await readFileInput(join(d, 'dangling'));
  assert.equal(dangling.errorCode, 'file-unreadable');
  assert.match(dangling.error!, /is a link to .*nowhere, which does not exist/);
  const device = await readFileInput('/dev/null');
  assert.equal(device.errorCode, 'file-unreadable');
  assert.match(device.error!, /not a regular file/);
  // As root nothing is unreadable by mode; /proc/self/mem is a regular file that fails to read for everyone.
  let unreadable = '/proc/self/mem';
  if (process.getuid?.() !== 0) {
    unreadable = join(d, 'locked');
    writeFileSync(unreadable, '[default]\n');
    chmodSync(unreadable, 0);
  }
  const locked = await readFileInput(unreadable);
  assert.equal(locked.errorCode, 'file-unreadable');
  assert.ok(locked.error!.startsWith(unreadable), locked.error);
  for (const f of [folder, dangling, device, locked]) {
    const a = analyzeFiles(f, { path: '/k', text: null });
    assert.equal(a.problems.length, 1);
    assert.equal(a.problems[0]!.file, f.path);
  }
});

test('invalid UTF-8: file-not-text on the line of the first bad byte; the rest is still read; the CLI refuses it', () => {
  const f = decode('/c', Buffer.from('[default]\nregion = a\nbad = \xff\n[profile dev]\nregion = b\n', 'latin1'));
  assert.equal(f.errorCode, 'file-not-text');
  assert.equal(f.errorLine, 3);
  const a = analyzeFiles(f, { path: '/k', text: null });
  const p = a.problems.find((x) => x.code === 'file-not-text')!;
  assert.deepEqual([p.file, p.line, p.blocksCli], ['/c', 3, true]);
  assert.deepEqual(Object.keys(a.cli.profiles), ['default', 'dev']);
});

test('a UTF-8 BOM is kept in the text (the CLI refuses it) and reported on line 1', () => {
  const f = decode('/c', Buffer.from('\ufeff[default]\nregion = a\n'));
  assert.equal(f.text!.charCodeAt(0), 0xfeff);
  const a = analyzeFiles(f, { path: '/k', text: null });
  assert.deepEqual(a.problems.map((p) => [p.code, p.line, p.blocksCli]), [['bom', 1, true]]);
  assert.equal(a.cli.profiles.default!.settings.region, 'a');
});

test('a 10 MB file is read, flagged as unusually large, and analysed', async (t) => {
  const d = tmp();
  t.after(() => rmSync(d, { recursive: true, force: true }));
  const block = '[profile p%]\nregion = us-east-1\naws_access_key_id = AKIA%\n\n';
  let text = '';
  for (let i = 0; text.length < 10 * 1024 * 1024; i++) text += block.replaceAll('%', String(i));
  writeFileSync(join(d, 'config'), text);
  const files = await readAwsFiles({ HOME: d, AWS_CONFIG_FILE: join(d, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(d, 'none') });
  assert.equal(files.config.errorCode, 'file-too-large');
  assert.ok(files.analysis.problems.some((p) => p.code === 'file-too-large' && p.file === join(d, 'config')));
  assert.ok(Object.keys(files.analysis.cli.profiles).length > 100_000);
});

test('firstInvalidUtf8 agrees with a fatal TextDecoder on random bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      assert.equal(firstInvalidUtf8(bytes) === -1, valid);
    }),
    { numRuns: 3000 },
  );
});

test('random bytes never throw and every problem names its file', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.uint8Array({ maxLength: 200 }), (a, b) => {
      const r = analyzeFiles(decode('/c', a), decode('/k', b));
      for (const p of r.problems) assert.ok(p.file === '/c' || p.file === '/k', JSON.stringify(p));
    }),
    { numRuns: 500 },
  );
});

// Line soups from the tricky shapes the readers disagree on, with a marked secret that must never leak.
const MARK = 'Zq9SECRETzQ9';
const lineArb = fc.oneof(
  fc.constantFrom(
    '[default]', '[profile dev]', '[ profile dev ]', '[profile "a b"]', '[dev]', '[profile x', '[DEFAULT]', '[sso-session corp]', '[services s]', '[profile default]',
    'region = us-east-1', 'region = us-east-1 # prod', 'region: eu-west-1', 'Region = x', '= v', 'no equals here', '', '   ', '# c', '; c', '  # indented',
    '  more', '\tsub = 1', 's3 =', '  addressing_style = path', 'sso_session = corp', 'source_profile = dev', 'role_arn = arn:aws:iam::1:role/r',
    `aws_secret_access_key = ${MARK}`, `aws_secret_access_key = ${MARK} # note`, `aws_session_token: ${MARK}`, `  aws_secret_access_key = ${MARK}`, 'aws_access_key_id = AKIA1',
    '\ufeff[default]', 'a = b\rc = d',
  ),
  fc.string({ maxLength: 20 }),
);
const fileArb = fc.tuple(fc.array(lineArb, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, finalEol]) => lines.join(eol) + (finalEol ? eol : ''));

test('random line soups: no throw, problems well-formed, fixes applicable, secrets never in problems or JSON', () => {
  fc.assert(
    fc.property(fileArb, fileArb, (config, credentials) => {
      const a = analyzeFiles({ path: '/c', text: config }, { path: '/k', text: credentials });
      for (const p of a.problems) {
        assert.ok(p.file === '/c' || p.file === '/k', `no file: ${JSON.stringify(p)}`);
        assert.ok(Number.isInteger(p.line) && p.line! >= 1, `no line: ${JSON.stringify(p)}`);
        for (const e of p.fix?.edits ?? []) applyLineEdits(e.file === '/c' ? config : credentials, [e]);
      }
      assert.doesNotMatch(JSON.stringify(a.problems), new RegExp(MARK));
      const files = { configFile: '/c', credentialsFile: '/k', config: { path: '/c', text: config }, credentials: { path: '/k', text: credentials }, analysis: a, activeProfile: { name: 'default', from: 'default' } };
      assert.doesNotMatch(JSON.stringify(buildProfilesJson(files, 'cli')), new RegExp(MARK));
      assert.doesNotMatch(JSON.stringify(buildProfilesJson(files, 'sdk')), new RegExp(MARK));
    }),
    { numRuns: 2000 },
  );
});
