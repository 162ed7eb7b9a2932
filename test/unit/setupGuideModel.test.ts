// What the guide shows comes from the engine's report: aws login availability, the steps, the result page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AwsFiles, CheckReport, CliInstall, FilesView, ProfileCheck } from '../../src/core/model';
import { ssoProfileChanges } from '../../src/core/setupValidation';
import { problem } from '../../src/core/problems';
import { guideResult, guideState, hasLoginSession, loginUnavailable, profileConflict, sessionConflict } from '../../src/vscode/setupGuideModel';

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

/** A minimal AwsFiles with the CLI reading's profiles and sso-sessions (what the guide reads). */
function files(profiles: Record<string, Record<string, string>>, ssoSessions: Record<string, Record<string, string>> = {}): AwsFiles {
  const view = {
    reading: 'cli',
    configFile: '/h/.aws/config',
    credentialsFile: '/h/.aws/credentials',
    profiles: Object.fromEntries(Object.entries(profiles).map(([name, settings]) => [name, { name, settings, sources: [], keySources: {} }])),
    ssoSessions: Object.fromEntries(Object.entries(ssoSessions).map(([name, settings]) => [name, { name, settings, sources: [], keySources: {} }])),
    services: {},
    problems: [],
  } as FilesView;
  return { analysis: { cli: view, sdk: view, problems: [] } } as unknown as AwsFiles;
}

test('console login is detected from the login_session the CLI reads', () => {
  assert.equal(hasLoginSession(files({ dev: { login_session: 'arn:aws:iam::123456789012:user/me' } }), 'dev'), true);
  assert.equal(hasLoginSession(files({ dev: { region: 'us-east-1' } }), 'dev'), false);
  assert.equal(hasLoginSession(files({}), 'dev'), false);
  assert.equal(hasLoginSession(null, 'dev'), false);
});

test('an existing sso-session is not rewritten with another start URL or Region', () => {
  const f = files({}, { corp: { sso_start_url: 'https://d-1.awsapps.com/start', sso_region: 'eu-west-1' } });
  assert.equal(sessionConflict(f, 'corp', 'https://d-1.awsapps.com/start', 'eu-west-1'), null);
  assert.equal(sessionConflict(f, 'other', 'https://d-2.awsapps.com/start', 'us-east-1'), null);
  assert.match(sessionConflict(f, 'corp', 'https://d-2.awsapps.com/start', 'eu-west-1')!, /A session named corp already exists for https:\/\/d-1\.awsapps\.com\/start \(eu-west-1\)/);
  assert.match(sessionConflict(f, 'corp', 'https://d-1.awsapps.com/start', 'us-east-1')!, /Choose another session name/);
});

test('an Identity Center profile never silently replaces an existing profile', () => {
  const f = files({ dev: { aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE', aws_secret_access_key: 'x', region: 'us-east-1' }, same: { sso_session: 'corp', sso_account_id: '123456789012', sso_role_name: 'Admin', region: 'us-east-1' } });
  const changes = (name: string) => ssoProfileChanges('corp', '123456789012', 'Admin', { profile: name, region: 'us-east-1', output: '' });
  assert.equal(profileConflict(f, 'new', changes('new')), null);
  assert.equal(profileConflict(f, 'same', changes('same')), null);
  const m = profileConflict(f, 'dev', changes('dev'))!;
  assert.match(m, /Profile dev already exists, and saving would change aws_access_key_id, aws_secret_access_key/);
  assert.doesNotMatch(m, /AKIAIOSFODNN7EXAMPLE/);
});
