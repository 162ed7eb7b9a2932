// The sidebar's content in each state, from plain CheckReports (no VS Code needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckReport, ProfileCheck, Step } from '../../src/core/model';
import { problem } from '../../src/core/problems';
import { buildTree, tooltipFor, walkTree, profileDescription } from '../../src/core/statusTreeModel';
import { contextKeysFor, profilePicks, statusBarFor } from '../../src/core/uiState';
import { expiryShort, expiryText } from '../../src/core/expiry';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const CONFIG = '/home/u/.aws/config';
const CREDS = '/home/u/.aws/credentials';

function step(id: Step['id'], status: Step['status'], summary: string, problems: Step['problems'] = []): Step {
  return { id, status, summary, problems };
}

function profile(name: string, over: Partial<ProfileCheck> = {}): ProfileCheck {
  return { name, kind: 'static-keys', status: 'ok', identity: null, expiresAt: null, problems: [], sources: [{ file: CREDS, line: 1 }], ...over };
}

function report(over: Partial<CheckReport> = {}): CheckReport {
  return {
    steps: [
      step('account', 'pass', 'Account 123456789012 confirmed'),
      step('credentials', 'pass', 'Profile default works'),
      step('security', 'pass', 'No security findings'),
      step('cli', 'pass', 'AWS CLI 2.9.19'),
    ],
    activeProfile: 'default',
    cli: { path: '/usr/bin/aws', version: '2.9.19' },
    cliInstalls: [{ path: '/usr/bin/aws', version: '2.9.19', major: 2, raw: 'aws-cli/2.9.19' }],
    profiles: [
      profile('default', { identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', userId: 'AIDA' } }),
    ],
    problems: [],
    configFile: CONFIG,
    credentialsFile: CREDS,
    checkedAt: new Date(NOW).toISOString(),
    ...over,
  };
}

test('healthy: four steps in order, profile under credentials with identity and file:line', () => {
  const tree = buildTree({ report: report(), running: false, now: NOW });
  assert.deepEqual(tree.map((n) => n.label), ['AWS account', 'Credentials', 'Security', 'AWS CLI v2']);
  assert.deepEqual(tree.map((n) => n.look), ['pass', 'pass', 'pass', 'pass']);
  const creds = tree[1]!;
  const p = creds.children[0]!;
  assert.equal(p.label, 'default');
  assert.equal(p.description, 'active · access keys · 123456789012');
  assert.equal(p.contextValue, 'profile;ok;hasIdentity;hasSource;active;');
  const details = p.children.map((c) => `${c.label}=${c.description}`);
  assert.deepEqual(details, ['Kind=access keys', 'Account=123456789012', 'ARN=arn:aws:iam::123456789012:user/alice', 'Defined in=.aws/credentials:1']);
  assert.equal(p.children[3]!.click, 'openSource');
  assert.equal(tree[3]!.children[0]!.label, 'aws 2.9.19');
});

test('failing profile: problem shown with its title, fixable flag and source; expanded', () => {
  const bad = problem('signature-mismatch', 'The secret access key for profile `dev` does not match its key ID.', { profile: 'dev', file: CREDS, line: 5 });
  const dup = problem('duplicate-section', 'Section [dev] is written twice.', {
    file: CONFIG,
    line: 9,
    fix: { title: 'Remove the second section', edits: [{ file: CONFIG, startLine: 8, deleteCount: 2, insert: [] }] },
  });
  const r = report({
    steps: [
      step('account', 'pass', 'ok'),
      step('credentials', 'fail', '1 of 2 profiles fails', [bad, dup]),
      step('security', 'pass', 'ok'),
      step('cli', 'pass', 'ok'),
    ],
    profiles: [report().profiles[0]!, profile('dev', { status: 'error', problems: [bad], sources: [{ file: CREDS, line: 4 }] })],
  });
  const tree = buildTree({ report: r, running: false, now: NOW });
  const creds = tree[1]!;
  assert.equal(creds.look, 'fail');
  const dev = creds.children.find((c) => c.label === 'dev')!;
  assert.equal(dev.look, 'fail');
  assert.equal(dev.expanded, true);
  assert.equal(dev.description, 'access keys · The secret access key is wrong');
  assert.match(dev.contextValue, /;failed;/);
  assert.match(dev.contextValue, /;notActive;/);
  // The profile's problem sits under the profile, the file problem under the step — not twice.
  const stepProblems = creds.children.filter((c) => c.type === 'problem');
  assert.deepEqual(stepProblems.map((c) => c.problem!.code), ['duplicate-section']);
  assert.match(stepProblems[0]!.contextValue, /^problem;fixable;hasSource;$/);
  assert.equal(stepProblems[0]!.description, '.aws/config:9');
  assert.match(creds.contextValue, /;fixable;/);
  const md = tooltipFor(dev);
  assert.match(md, /does not match its key ID/);
  assert.match(md, /\.aws\/credentials:4/);
});

test('sso profile with expiry: countdown in description and detail row, sso flag', () => {
  const r = report({
    activeProfile: 'sso',
    profiles: [
      profile('sso', {
        kind: 'sso',
        expiresAt: new Date(NOW + 42 * 60_000).toISOString(),
        identity: { account: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/Dev/alice', userId: 'x' },
        sources: [{ file: CONFIG, line: 3 }],
      }),
    ],
  });
  const [, creds] = buildTree({ report: r, running: false, now: NOW });
  const p = creds!.children[0]!;
  assert.equal(p.description, 'active · IAM Identity Center · 111122223333 · expires in 42 min');
  assert.match(p.contextValue, /;sso;/);
  assert.ok(p.children.some((c) => c.label === 'Credentials' && c.description === 'expires in 42 min'));
  assert.equal(statusBarFor(r, false, NOW).text, 'AWS: sso · 42m');
});

test('first run: four running steps, never an empty tree', () => {
  const tree = buildTree({ report: null, running: true, now: NOW });
  assert.equal(tree.length, 4);
  assert.ok(tree.every((n) => n.look === 'running'));
});

test('an error shows an error node, with or without an older report', () => {
  const alone = buildTree({ report: null, running: false, error: 'EACCES: permission denied, open /home/u/.aws/config', now: NOW });
  assert.equal(alone.length, 1);
  assert.equal(alone[0]!.type, 'error');
  assert.equal(alone[0]!.click, 'showLog');
  const withOld = buildTree({ report: report(), running: false, error: 'boom', now: NOW });
  assert.equal(withOld[0]!.type, 'error');
  assert.equal(withOld.length, 5);
});

test('no AWS files: empty tree so the welcome content shows', () => {
  const r = report({ profiles: [], activeProfile: null });
  assert.deepEqual(buildTree({ report: r, running: false, noFiles: true, now: NOW }), []);
});

test('running profile shows the spinner and no stale expiry', () => {
  const r = report({ profiles: [profile('default', { expiresAt: new Date(NOW + 3_600_000).toISOString() })] });
  const tree = buildTree({ report: r, running: false, runningProfiles: new Set(['default']), now: NOW });
  const p = walkTree(tree).find((n) => n.type === 'profile')!;
  assert.equal(p.look, 'running');
  assert.match(p.contextValue, /;running;/);
  assert.equal(profileDescription(r.profiles[0]!, false, NOW, true), 'access keys · checking…');
});

test('ids are unique and stable', () => {
  const r = report({ profiles: [profile('a'), profile('b', { problems: [problem('secret-missing', 'x', { profile: 'b' })] })] });
  const ids = walkTree(buildTree({ report: r, running: false, now: NOW })).map((n) => n.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(ids, walkTree(buildTree({ report: r, running: false, now: NOW + 1000 })).map((n) => n.id));
});

test('tooltips escape user text (no markdown or link injection from a profile name)', () => {
  // A name is shown in a code span (where links do not render); a backtick cannot close it early.
  const r = report({ activeProfile: null, profiles: [profile('x`[y](command:evil)`')] });
  const p = walkTree(buildTree({ report: r, running: false, now: NOW })).find((n) => n.type === 'profile')!;
  const md = tooltipFor(p);
  assert.ok(md.startsWith("**Profile `x'[y](command:evil)'`**"), md);
  assert.equal(md.split('`').length % 2, 1, 'balanced code spans');
  const prob = walkTree(buildTree({ report: report({ problems: [] , steps: [step('security', 'warn', 'x', [problem('long-term-key', '[click](command:evil)')])] }), running: false, now: NOW }))
    .find((n) => n.type === 'problem')!;
  assert.doesNotMatch(tooltipFor(prob), /[^\\]\[click\]/);
});

test('context keys follow the active profile and the CLI', () => {
  assert.deepEqual(contextKeysFor(report(), true, false), {
    filesRead: true,
    hasAwsFiles: true,
    cliMissing: false,
    accountConfirmed: true,
    credentialsVerified: true,
    notRootUser: true,
    cliV2Installed: true,
    checking: false,
  });
  const root = report({
    profiles: [profile('default', { identity: { account: '1', arn: 'arn:aws:iam::123456789012:root', userId: '1' } })],
    cliInstalls: [],
    cli: null,
  });
  const k = contextKeysFor(root, true, false);
  assert.equal(k.notRootUser, false);
  assert.equal(k.cliMissing, true);
  assert.equal(k.cliV2Installed, false);
  const v1 = report({ cliInstalls: [{ path: '/usr/local/bin/aws', version: '1.45.11', major: 1, raw: '' }, ...report().cliInstalls] });
  assert.equal(contextKeysFor(v1, true, false).cliV2Installed, false);
  assert.equal(contextKeysFor(null, false, true).credentialsVerified, false);
  assert.deepEqual([contextKeysFor(null, null, true).filesRead, contextKeysFor(null, null, true).hasAwsFiles], [false, false]);
});

test('status bar and quick pick', () => {
  assert.equal(statusBarFor(null, true, NOW).look, 'running');
  assert.equal(statusBarFor(report({ activeProfile: null }), false, NOW).text, 'AWS: no profile');
  assert.equal(statusBarFor(report({ activeProfile: 'gone' }), false, NOW).look, 'fail');
  const ok = statusBarFor(report(), false, NOW);
  assert.equal(ok.text, 'AWS: default');
  assert.match(ok.ariaLabel, /123456789012/);
  const picks = profilePicks(report({ profiles: [profile('a', { status: 'unchecked' }), ...report().profiles] }), NOW);
  assert.deepEqual(picks.map((p) => [p.label, p.description, p.look]), [
    ['default', 'active · access keys', 'pass'],
    ['a', 'access keys', 'unknown'],
  ]);
});

test('expiry wording', () => {
  const at = (ms: number) => new Date(NOW + ms).toISOString();
  assert.equal(expiryText(at(30_000), NOW), 'expires in 1 min');
  assert.equal(expiryText(at(5 * 3_600_000 + 12 * 60_000), NOW), 'expires in 5 h 12 min');
  assert.equal(expiryText(at(-3 * 60_000), NOW), 'expired 3 min ago');
  assert.equal(expiryText(at(5 * 86_400_000), NOW), 'expires in 5 days');
  assert.equal(expiryText('nonsense', NOW), null);
  assert.equal(expiryShort(at(5 * 3_600_000 + 12 * 60_000), NOW), '5h12m');
  assert.equal(expiryShort(at(-1), NOW), 'expired');
});

test('a file problem about a profile shows under that profile (once), not lost', () => {
  const rd = problem('reading-differs', 'The AWS CLI reads `region` as `us-east-1 # prod`.', {
    profile: 'default',
    file: CONFIG,
    line: 2,
    fix: { title: 'Move the comment to its own line', edits: [{ file: CONFIG, startLine: 1, deleteCount: 1, insert: ['# prod', 'region = us-east-1'] }] },
  });
  const r = report({ steps: [step('account', 'pass', 'ok'), step('credentials', 'warn', 'warn', [rd]), step('security', 'pass', 'ok'), step('cli', 'pass', 'ok')] });
  const creds = buildTree({ report: r, running: false, now: NOW })[1]!;
  assert.equal(creds.children.filter((c) => c.type === 'problem').length, 0);
  const p = creds.children[0]!;
  assert.deepEqual(p.children.filter((c) => c.type === 'problem').map((c) => c.problem!.code), ['reading-differs']);
  assert.match(p.contextValue, /;fixable;/);
});

test('the quick pick and status bar name the error, not an earlier warning', () => {
  const warn = problem('long-term-key', 'A long-term key.', { profile: 'default' });
  const err = problem('signature-mismatch', 'Wrong secret.', { profile: 'default' });
  const r = report({ profiles: [profile('default', { status: 'error', problems: [warn, err] })] });
  assert.match(profilePicks(r, NOW)[0]!.detail, /The secret access key is wrong/);
  assert.match(statusBarFor(r, false, NOW).ariaLabel, /The secret access key is wrong/);
});
