// What the guide shows comes from the engine's report: aws login availability, the steps, the result page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckReport, CliInstall, ProfileCheck } from '../../src/core/model';
import { problem } from '../../src/core/problems';
import { guideResult, guideState, loginUnavailable } from '../../src/vscode/setupGuideModel';

const cli = (version: string | null, major: number | null, path = '/usr/local/bin/aws'): CliInstall => ({ path, version, major, raw: '' });
function report(over: Partial<CheckReport> = {}): CheckReport {
  return {
    steps: [
      { id: 'account', status: 'pass', summary: 'Account 123456789012', problems: [] },
      { id: 'credentials', status: 'pass', summary: 'Profile dev works', problems: [] },
      { id: 'security', status: 'warn', summary: 'A long-term key is on disk', problems: [problem('long-term-key', 'Profile dev uses a long-term access key.', { profile: 'dev' })] },
      { id: 'cli', status: 'pass', summary: 'AWS CLI 2.33.0', problems: [] },
    ],
    activeProfile: 'dev',
    cli: { path: '/usr/local/bin/aws', version: '2.33.0' },
    cliInstalls: [cli('2.33.0', 2)],
    profiles: [],
    problems: [],
    configFile: '/h/.aws/config',
    credentialsFile: '/h/.aws/credentials',
    checkedAt: '2026-11-23T17:00:00Z',
    ...over,
  };
}

test('aws login: available from 2.32.0, explained otherwise', () => {
  assert.equal(loginUnavailable(report()), null);
  assert.equal(loginUnavailable(report({ cliInstalls: [cli('2.32.0', 2)] })), null);
  assert.match(loginUnavailable(report({ cliInstalls: [cli('2.9.19', 2)] }))!, /AWS CLI 2\.9\.19 is installed; aws login needs 2\.32\.0 or newer/);
  assert.match(loginUnavailable(report({ cliInstalls: [cli('1.45.11', 1)] }))!, /is AWS CLI version 1\.45\.11/);
  assert.match(loginUnavailable(report({ cliInstalls: [] }))!, /not installed/);
  assert.match(loginUnavailable(report({ cliInstalls: [cli(null, null, '/opt/aws')] }))!, /`\/opt\/aws` does not run/);
  assert.equal(loginUnavailable(null), null);
});

test('state: steps with titles, CLI v2 version only', () => {
  const s = guideState(report(), null, false);
  assert.deepEqual(s.steps.map((x) => [x.id, x.status]), [['account', 'pass'], ['credentials', 'pass'], ['security', 'warn'], ['cli', 'pass']]);
  assert.equal(s.steps[0]!.title, 'An AWS account');
  assert.equal(s.cliVersion, '2.33.0');
  assert.equal(guideState(report({ cliInstalls: [cli('1.45.11', 1)] }), null, true).cliVersion, null);
  assert.deepEqual(guideState(null, null, true).steps, []);
});

test('result: identity and remaining warnings; failures in the engine’s words', () => {
  const ok: ProfileCheck = {
    name: 'dev', kind: 'static-keys', status: 'warn', expiresAt: null, sources: [],
    identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/dev', userId: 'AIDA' },
    problems: [problem('long-term-key', 'Profile dev uses a long-term access key.', { profile: 'dev' })],
  };
  const r = guideResult(ok, report(), false);
  assert.equal(r.ok, true);
  assert.equal(r.arn, 'arn:aws:iam::123456789012:user/dev');
  assert.deepEqual(r.warnings.map((w) => w.code), ['long-term-key']); // de-duplicated with the security step's copy
  assert.deepEqual(r.errors, []);

  const bad: ProfileCheck = {
    ...ok, status: 'error', identity: null,
    problems: [problem('signature-mismatch', 'The secret access key for profile `dev` does not match its key ID (AWS said SignatureDoesNotMatch).', { profile: 'dev' })],
  };
  const b = guideResult(bad, report(), false);
  assert.equal(b.ok, false);
  assert.deepEqual(b.errors.map((e) => e.code), ['signature-mismatch']);
  assert.match(b.errors[0]!.message, /SignatureDoesNotMatch/);
  const root: ProfileCheck = { ...ok, identity: { account: '1', arn: 'arn:aws:iam::123456789012:root', userId: '1' }, problems: [problem('root-user', 'Profile dev signs in as the root user.', { profile: 'dev' })] };
  assert.deepEqual(guideResult(root, null, true).warnings.map((w) => w.code), ['root-user']);
});
