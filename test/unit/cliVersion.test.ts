// The AWS CLI step: version parsing and the judgement of the installs found on PATH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliInstallFrom, compareVersions, judgeCliInstalls, parseAwsVersion } from '../../src/core/cliVersion';

const V2 = 'aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off';
const V1 = 'aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11';
const NEW = 'aws-cli/2.32.3 Python/3.13.7 Darwin/24.6.0 exe/arm64';

test('parses v1 and v2 banners, refuses other text', () => {
  assert.deepEqual(parseAwsVersion(V2), { version: '2.9.19', major: 2 });
  assert.deepEqual(parseAwsVersion(V1), { version: '1.45.11', major: 1 });
  assert.equal(parseAwsVersion('pyenv: aws: command not found'), null);
  assert.equal(parseAwsVersion(''), null);
});

test('compares versions numerically, not as text', () => {
  assert.ok(compareVersions('2.9.19', '2.32.0') < 0);
  assert.ok(compareVersions('2.32.0', '2.32.0') === 0);
  assert.ok(compareVersions('2.100.0', '2.32.0') > 0);
});

const codes = (ps: { code: string }[]) => ps.map((p) => p.code);

test('no aws on PATH is cli-missing with per-OS guidance and the alternatives', () => {
  for (const os of ['linux', 'darwin', 'win32']) {
    const ps = judgeCliInstalls([], os);
    assert.deepEqual(codes(ps), ['cli-missing']);
    assert.match(ps[0]!.message, /Docker/);
    assert.match(ps[0]!.message, /CloudShell/);
  }
  assert.match(judgeCliInstalls([], 'win32')[0]!.message, /msi/i);
  assert.match(judgeCliInstalls([], 'darwin')[0]!.message, /pkg/);
});

test('v1 first on PATH with a v2 behind it (this machine): cli-v1 naming both, and cli-shadowed', () => {
  const ps = judgeCliInstalls([cliInstallFrom('/root/.pyenv/shims/aws', V1), cliInstallFrom('/usr/bin/aws', V2)], 'linux');
  assert.deepEqual(codes(ps), ['cli-v1', 'cli-shadowed']);
  assert.match(ps[0]!.message, /\/usr\/bin\/aws/);
  assert.equal(ps[0]!.severity, 'error');
});

test('v2 older than 2.32.0 is fine but says aws login needs newer; a current v2 has no problem', () => {
  assert.deepEqual(codes(judgeCliInstalls([cliInstallFrom('/usr/bin/aws', V2)], 'linux')), ['cli-old-for-login']);
  assert.deepEqual(codes(judgeCliInstalls([cliInstallFrom('/usr/local/bin/aws', NEW)], 'linux')), []);
});

test('an aws that prints no version is cli-broken', () => {
  assert.deepEqual(codes(judgeCliInstalls([cliInstallFrom('/usr/local/bin/aws', 'Traceback (most recent call last):')], 'linux')), ['cli-broken']);
});
