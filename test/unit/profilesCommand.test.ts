// `aws-prereqs profiles`: the JSON contract, masking, exit codes, and bad input without a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli/io';
import { maskSecret } from '../../src/cli/profilesJson';

function io(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const i: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env, readStdin: async () => '', stdinIsTty: false, version: 'test' };
  return { i, out, err };
}

function home(config: string | Buffer | null, credentials: string | Buffer | null): { env: NodeJS.ProcessEnv; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aws-prereqs-profiles-'));
  mkdirSync(join(dir, '.aws'));
  if (config !== null) writeFileSync(join(dir, '.aws', 'config'), config);
  if (credentials !== null) writeFileSync(join(dir, '.aws', 'credentials'), credentials);
  return { env: { HOME: dir }, dir };
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('masks like aws configure list: 16 asterisks and the last 4; short values entirely', () => {
  assert.equal(maskSecret(SECRET), '****************EKEY');
  assert.equal(maskSecret('short'), '****************');
});

test('profiles --json: the contract, secrets masked, exit 0', async (t) => {
  const h = home('[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n[sso-session corp]\nsso_start_url = https://x\nsso_region = us-east-1\n', `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = ${SECRET}\naws_session_token = IQoJb3JpZ2luX2VjEFAKETOKEN1234\n`);
  t.after(() => rmSync(h.dir, { recursive: true, force: true }));
  const { i, out, err } = io(h.env);
  assert.equal(await main(['profiles', '--json'], i), 0, err.join('\n'));
  const text = out.join('\n');
  assert.doesNotMatch(text, /CYEXAMPLEKEY|FAKETOKEN/);
  const j = JSON.parse(text);
  assert.equal(j.configFile, join(h.dir, '.aws', 'config'));
  assert.equal(j.credentialsFile, join(h.dir, '.aws', 'credentials'));
  assert.deepEqual(j.profiles, [
    {
      name: 'default',
      kind: 'session-keys',
      settings: { region: 'us-east-1', s3: { addressing_style: 'path' }, aws_access_key_id: 'AKIAEXAMPLE', aws_secret_access_key: '****************EKEY', aws_session_token: '****************1234' },
      sources: [
        { file: j.configFile, line: 1 },
        { file: j.credentialsFile, line: 1 },
      ],
    },
  ]);
  assert.deepEqual(j.ssoSessions.corp.settings, { sso_start_url: 'https://x', sso_region: 'us-east-1' });
  assert.deepEqual(j.services, {});
  assert.deepEqual(j.problems, []);
});

test('profiles --reading sdk: raw sub-properties', async (t) => {
  const h = home('[default]\ns3 =\n  addressing_style = path\n', null);
  t.after(() => rmSync(h.dir, { recursive: true, force: true }));
  const { i, out } = io(h.env);
  assert.equal(await main(['profiles', '--json', '--reading', 'sdk'], i), 0);
  assert.equal(JSON.parse(out.join('')).profiles[0].settings.s3, '\naddressing_style = path');
});

test('a file the CLI refuses: exit 1, a blocksCli problem, and everything else still reported', async (t) => {
  const h = home('[default]\nregion = a\n[profile dev]\nregion = b\n[default]\noutput = json\n', null);
  t.after(() => rmSync(h.dir, { recursive: true, force: true }));
  const { i, out } = io(h.env);
  assert.equal(await main(['profiles', '--json'], i), 1);
  const j = JSON.parse(out.join(''));
  const p = j.problems.find((x: { code: string }) => x.code === 'duplicate-section');
  assert.deepEqual({ ...p, message: undefined }, { code: 'duplicate-section', severity: 'error', message: undefined, file: j.configFile, line: 5, profile: 'default', blocksCli: true });
  assert.deepEqual(j.profiles.map((x: { name: string }) => x.name), ['default', 'dev']);
});

test('usage errors exit 2 with one line on stderr', async () => {
  for (const args of [['profiles', '--reading', 'python'], ['profiles', '--nope'], ['profiles', 'extra']]) {
    const { i, err } = io({ HOME: '/nonexistent' });
    assert.equal(await main(args, i), 2);
    assert.equal(err.length, 1);
    assert.doesNotMatch(err[0]!, /\n\s+at /);
  }
});

test('no files at all: no profiles, exit 0; text output lists the paths', async (t) => {
  const h = home(null, null);
  t.after(() => rmSync(h.dir, { recursive: true, force: true }));
  const { i, out } = io(h.env);
  assert.equal(await main(['profiles'], i), 0);
  assert.match(out.join('\n'), /No profiles\./);
});

test('bad input (a folder, invalid UTF-8): a problem naming the file, exit 1, no stack trace', async (t) => {
  const h = home(Buffer.from([0x5b, 0x64, 0x65, 0x66, 0x61, 0x75, 0x6c, 0x74, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]), null);
  mkdirSync(join(h.dir, '.aws', 'credentials'));
  t.after(() => rmSync(h.dir, { recursive: true, force: true }));
  const { i, out, err } = io(h.env);
  assert.equal(await main(['profiles', '--json'], i), 1);
  assert.deepEqual(err, []);
  const j = JSON.parse(out.join(''));
  const codes = j.problems.map((p: { code: string; file: string; line: number | null }) => `${p.code}:${p.file === j.configFile ? 'config' : 'credentials'}:${p.line}`);
  assert.ok(codes.includes('file-not-text:config:2'), codes.join(' '));
  assert.ok(codes.includes('file-unreadable:credentials:null'), codes.join(' '));
});
