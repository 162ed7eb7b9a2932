// Profile kinds, in the order the AWS CLI v2's provider chain tries them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../src/core/analyzeFiles';
import { profileKind } from '../../src/core/profileKinds';
import type { ProfileKind } from '../../src/core/model';

const CASES: [string, string, ProfileKind][] = [
  ['static keys', 'aws_access_key_id = A\naws_secret_access_key = B', 'static-keys'],
  ['session keys', 'aws_access_key_id = A\naws_secret_access_key = B\naws_session_token = T', 'session-keys'],
  ['assume role from a profile', 'role_arn = arn:aws:iam::1:role/r\nsource_profile = base', 'assume-role'],
  ['assume role from a named source', 'role_arn = arn:aws:iam::1:role/r\ncredential_source = Environment', 'assume-role'],
  ['role_arn wins over keys on the same profile', 'role_arn = arn:aws:iam::1:role/r\nsource_profile = base\naws_access_key_id = A\naws_secret_access_key = B', 'assume-role'],
  ['web identity', 'role_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = /t', 'web-identity'],
  ['credential process', 'credential_process = /bin/creds', 'credential-process'],
  ['credential_process wins over keys in the config file (botocore: shared-credentials, process, then config keys)', 'credential_process = /bin/creds\naws_access_key_id = A\naws_secret_access_key = B', 'credential-process'],
  ['sso with a session', 'sso_session = corp\nsso_account_id = 1\nsso_role_name = R', 'sso'],
  ['legacy sso', 'sso_start_url = https://x\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R', 'legacy-sso'],
  ['console login', 'login_session = arn:aws:iam::1:user/u', 'console-login'],
  ['a token-only sso profile', 'sso_session = corp', 'sso'],
  ['keys win over a token-only sso profile', 'sso_session = corp\naws_access_key_id = A\naws_secret_access_key = B', 'static-keys'],
  ['only a region', 'region = us-east-1', 'incomplete'],
  ['a key id without its secret', 'aws_access_key_id = A', 'incomplete'],
  ['empty values count as absent', 'aws_access_key_id =\naws_secret_access_key =', 'incomplete'],
];

for (const [what, body, kind] of CASES) {
  test(`kind: ${what} → ${kind}`, () => {
    const a = analyzeFiles({ path: '/c', text: `[profile p]\n${body}\n[sso-session corp]\nsso_start_url = https://x\nsso_region = us-east-1\n` }, { path: '/k', text: '' });
    assert.equal(profileKind(a.cli.profiles.p!, a.cli), kind);
    assert.equal(profileKind(a.sdk.profiles.p!, a.sdk), kind);
  });
}

test('keys in the credentials file win over credential_process in the config file', () => {
  const a = analyzeFiles({ path: '/c', text: '[profile p]\ncredential_process = /bin/creds\n' }, { path: '/k', text: '[p]\naws_access_key_id = A\naws_secret_access_key = B\n' });
  assert.equal(profileKind(a.cli.profiles.p!, a.cli), 'static-keys');
});

test('file problems from chains name the profile, file and line', () => {
  const a = analyzeFiles(
    { path: '/c', text: '[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n[profile c]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = nope\n[profile d]\nsso_session = gone\n' },
    { path: '/k', text: '[e]\naws_access_key_id = AKIAE\n' },
  );
  const codes = a.problems.map((p) => `${p.code}@${p.file}:${p.line}:${p.profile}`);
  assert.ok(codes.includes('chain-cycle@/c:3:a') || codes.includes('chain-cycle@/c:6:b'), codes.join(' '));
  assert.ok(codes.includes('source-profile-missing@/c:9:c'), codes.join(' '));
  assert.ok(codes.includes('sso-session-missing@/c:11:d'), codes.join(' '));
  assert.ok(codes.includes('secret-missing@/k:2:e'), codes.join(' '));
});
