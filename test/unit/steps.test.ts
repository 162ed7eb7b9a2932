// The four steps as data: pass/warn/fail/unknown from profiles, files, environment and CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeSteps, profileStatus, type StepInput } from '../../src/core/steps';
import { problem } from '../../src/core/problems';
import type { ProfileCheck, StepId } from '../../src/core/model';
import { cliInstallFrom, judgeCliInstalls } from '../../src/core/cliVersion';

const v2 = [cliInstallFrom('/usr/local/bin/aws', 'aws-cli/2.33.0 Python/3.12')];
const ok = (name: string, arn = `arn:aws:iam::111122223333:user/${name}`): ProfileCheck => ({
  name, kind: 'sso', status: 'ok', identity: { account: '111122223333', arn, userId: 'AID' }, expiresAt: null, problems: [], sources: [],
});
const bad = (name: string): ProfileCheck => {
  const problems = [problem('signature-mismatch', 'wrong secret', { profile: name })];
  return { name, kind: 'static-keys', status: profileStatus(problems, true, false), identity: null, expiresAt: null, problems, sources: [] };
};
const base: StepInput = { fileProblems: [], profiles: [], environment: null, activeProfile: 'default', cliUsesEnvironment: false, globalProblems: [], cliInstalls: v2, cliProblems: judgeCliInstalls(v2, 'linux'), offline: false };
const statuses = (i: Partial<StepInput>) => Object.fromEntries(judgeSteps({ ...base, ...i }).map((s) => [s.id, s.status])) as Record<StepId, string>;

test('a working default profile on a current CLI passes every step', () => {
  assert.deepEqual(statuses({ profiles: [ok('default')] }), { account: 'pass', credentials: 'pass', security: 'pass', cli: 'pass' });
});

test('nothing configured: account and credentials fail; the CLI missing fails its step', () => {
  const s = statuses({ cliInstalls: [], cliProblems: judgeCliInstalls([], 'linux') });
  assert.deepEqual(s, { account: 'fail', credentials: 'fail', security: 'pass', cli: 'fail' });
  assert.equal(judgeSteps({ ...base }).find((x) => x.id === 'account')!.problems[0]!.code, 'no-account');
});

test('a broken default with another working profile: credentials fail, account passes', () => {
  assert.deepEqual(statuses({ profiles: [bad('default'), ok('work')] }), { account: 'pass', credentials: 'fail', security: 'pass', cli: 'pass' });
});

test('no default profile but others work: credentials warn and name one', () => {
  const steps = judgeSteps({ ...base, profiles: [ok('work')] });
  const c = steps.find((s) => s.id === 'credentials')!;
  assert.equal(c.status, 'warn');
  assert.match(c.summary, /--profile work/);
});

test('root user fails security; a long-term key warns', () => {
  const root = ok('default', 'arn:aws:iam::111122223333:root');
  root.problems = [problem('root-user', 'root', { profile: 'default' })];
  root.status = 'error';
  assert.equal(statuses({ profiles: [root] }).security, 'fail');
  const lt = ok('default');
  lt.problems = [problem('long-term-key', 'AKIA on disk', { profile: 'default' })];
  lt.status = 'warn';
  assert.equal(statuses({ profiles: [lt] }).security, 'warn');
});

test('offline: account and credentials unknown unless the files are refused', () => {
  const unchecked: ProfileCheck = { ...ok('default'), identity: null, status: 'unchecked' };
  assert.deepEqual(statuses({ profiles: [unchecked], offline: true }), { account: 'unknown', credentials: 'unknown', security: 'pass', cli: 'pass' });
  const blocking = problem('duplicate-section', 'twice', { file: '/h/.aws/config', line: 3 });
  assert.equal(statuses({ profiles: [unchecked], offline: true, fileProblems: [blocking] }).credentials, 'fail');
});

test('environment keys that the CLI uses decide the credentials step', () => {
  const env = { ...ok('environment'), kind: 'static-keys' as const };
  assert.equal(statuses({ environment: env, cliUsesEnvironment: true, profiles: [bad('default')] }).credentials, 'warn');
  assert.equal(statuses({ environment: bad('environment'), cliUsesEnvironment: true, profiles: [ok('default')] }).credentials, 'fail');
});

test('profile status: errors win, unchecked without identity, warn with warnings', () => {
  assert.equal(profileStatus([], false, false), 'unchecked');
  assert.equal(profileStatus([problem('mfa-required', 'x')], false, false), 'unchecked');
  assert.equal(profileStatus([problem('credentials-expiring', 'x')], true, true), 'warn');
  assert.equal(profileStatus([problem('timeout', 'x')], true, false), 'error');
  assert.equal(profileStatus([], true, true), 'ok');
});

test('identity problems carry the command that moves the user on', async () => {
  const { withIdentityFix } = await import('../../src/core/identityFixes');
  assert.deepEqual(withIdentityFix(problem('sso-token-expired', 'x', { profile: 'dev' })).fix, { title: 'Sign in again', command: { id: 'awsPrereqs.signIn', args: ['dev'] } });
  assert.equal(withIdentityFix(problem('sso-token-expired', 'x', { profile: 'environment' })).fix, undefined);
  assert.equal(withIdentityFix(problem('root-user', 'x')).fix!.command!.id, 'awsPrereqs.openSetupGuide');
  assert.equal(withIdentityFix(problem('timeout', 'x')).fix, undefined);
});
