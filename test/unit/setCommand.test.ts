// `aws-prereqs set` through the real dispatcher with an injected io: secrets refused on the command
// line, accepted from stdin, never printed; exit codes 0/1/2 with one-line messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli/io';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN';

function harness(t: { after: (fn: () => void) => void }, stdin = '') {
  const home = mkdtempSync(join(tmpdir(), 'aws-prereqs-set-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    env: { HOME: home },
    readStdin: async () => stdin,
    stdinIsTty: false,
    version: '0.0.0-test',
  };
  const run = (...argv: string[]) => main(['set', ...argv], io);
  const file = (name: string) => {
    const p = join(home, '.aws', name);
    return existsSync(p) ? readFileSync(p, 'utf8') : null;
  };
  return { home, io, out, err, run, file, all: () => [...out, ...err].join('\n') };
}

test('writes plain settings to the config file and access key IDs to the credentials file', async (t) => {
  const h = harness(t);
  assert.equal(await h.run('--profile', 'dev', 'region=eu-west-1', 's3.max_concurrent_requests=20', 'aws_access_key_id=AKIAIOSFODNN7EXAMPLE'), 0);
  assert.equal(h.file('config'), '[profile dev]\nregion = eu-west-1\ns3 =\n    max_concurrent_requests = 20\n');
  assert.equal(h.file('credentials'), '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');
  assert.match(h.out.join('\n'), /Updated .*config \(profile dev: region, s3\.max_concurrent_requests\)\.\nUpdated .*credentials \(profile dev: aws_access_key_id\)\./);
  assert.ok(!h.all().includes('eu-west-1'), 'values are not echoed');
  // Same again: nothing to change, exit 0.
  assert.equal(await h.run('--profile=dev', 'region=eu-west-1'), 0);
  assert.match(h.out.at(-1)!, /Nothing to change/);
});

test('refuses secrets on the command line, names the key and --stdin, never the value', async (t) => {
  const h = harness(t);
  assert.equal(await h.run('--profile', 'dev', `aws_secret_access_key=${SECRET}`), 2);
  assert.equal(await h.run('--profile', 'dev', `AWS_SESSION_TOKEN=${TOKEN}`), 2);
  assert.equal(h.err.length, 2);
  assert.match(h.err[0]!, /aws_secret_access_key must not be given on the command line.*--stdin/);
  assert.ok(h.err.every((l) => !l.includes('\n')), 'one line each');
  assert.ok(!h.all().includes(SECRET) && !h.all().includes(TOKEN));
  assert.equal(h.file('credentials'), null, 'nothing written');
});

test('accepts secrets from stdin (blank lines, comments, CRLF, surrounding spaces) and never prints them', async (t) => {
  const h = harness(t, `# pasted\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\n\r\naws_secret_access_key=${SECRET}  \r\naws_session_token=${TOKEN}\r\n`);
  assert.equal(await h.run('--profile', 'dev', '--stdin', 'region=us-east-1'), 0);
  assert.equal(h.file('credentials'), `[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\naws_session_token = ${TOKEN}\n`);
  assert.equal(h.file('config'), '[profile dev]\nregion = us-east-1\n');
  assert.ok(!h.all().includes(SECRET) && !h.all().includes(TOKEN));
});

test('usage errors exit 2 with one line and no stack trace', async (t) => {
  const h = harness(t, `not a pair ${SECRET}\n`);
  const cases: [string[], RegExp][] = [
    [['region=x'], /exactly one of --profile/],
    [['--profile', 'a', '--sso-session', 'b', 'region=x'], /exactly one of --profile/],
    [['--profile', 'dev'], /nothing to set/],
    [['--profile', 'dev', SECRET], /argument 1 after the options is not KEY=VALUE/],
    [['--profile', 'dev', '--stdin'], /line 1 of standard input is not KEY=VALUE/],
    [['--profile', 'dev', 'region=a', 'region=b'], /region is given twice/],
    [['--profile', 'dev', '--bogus'], /unknown option --bogus/],
    [['--profile', 'dev', 'region= padded'], /starts or ends with a space/],
    [['--profile', 'dev', 'bad key=x'], /argument 1 after the options: the name before = is not a setting name/],
    [['--profile', 'dev', `aws_secret_access_key ${SECRET.slice(0, 10)}=${SECRET.slice(10)}`], /argument 1 after the options: the name before = is not a setting name/],
    [['--sso-session', 'corp', 'aws_access_key_id=AKIA'], /belongs to a profile/],
  ];
  for (const [argv, re] of cases) {
    h.err.length = 0;
    assert.equal(await h.run(...argv), 2, argv.join(' '));
    assert.equal(h.err.length, 1, argv.join(' '));
    assert.match(h.err[0]!, re);
    assert.ok(!/\n|    at /.test(h.err[0]!), 'no stack trace');
  }
  assert.ok(!h.all().includes(SECRET));
  assert.equal(h.file('config'), null);
});

test('an sso-session goes to the config file; a file the CLI refuses is reported with exit 1', async (t) => {
  const h = harness(t);
  assert.equal(await h.run('--sso-session', 'corp', 'sso_start_url=https://example.awsapps.com/start', 'sso_region=eu-west-1'), 0);
  assert.equal(h.file('config'), '[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n');
  writeFileSync(join(h.home, '.aws', 'config'), '[profile a]\nx = 1\n[profile a]\ny = 2\n');
  assert.equal(await h.run('--profile', 'b', 'region=x'), 1);
  assert.match(h.err.at(-1)!, /config:3: .*written twice/);
});

test('a file that changed or cannot be edited gives exit 2 and one line', async (t) => {
  const h = harness(t);
  mkdirSync(join(h.home, '.aws', 'config'), { recursive: true });
  assert.equal(await h.run('--profile', 'dev', 'region=x'), 2);
  assert.match(h.err.at(-1)!, /not a regular file/);
});
