// Which IAM Identity Center sign-in a profile needs, read as `aws sso login --profile NAME` reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../src/core/analyzeFiles';
import { ssoSignInTarget } from '../../src/core/ssoSignInTarget';

const view = (config: string) => analyzeFiles({ path: '/home/u/.aws/config', text: config }, { path: '/home/u/.aws/credentials', text: '' }).cli;

const CONFIG = [
  '[profile dev]',
  'sso_session = corp',
  'sso_account_id = 111122223333',
  'sso_role_name = ReadOnly',
  '',
  '[sso-session corp]',
  'sso_start_url = https://d-1234567890.awsapps.com/start',
  'sso_region = eu-west-1',
  'sso_registration_scopes = sso:account:access , ,codewhisperer:completions',
  '',
  '[profile old]',
  'sso_start_url = https://d-0987654321.awsapps.com/start',
  'sso_region = us-east-2',
  'sso_account_id = 111122223333',
  'sso_role_name = Admin',
  '',
  '[profile deploy]',
  'role_arn = arn:aws:iam::444455556666:role/deploy',
  'source_profile = dev',
  '',
  '[profile keys]',
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '',
  '[profile nowhere]',
  'sso_session = missing',
  'sso_account_id = 1',
  'sso_role_name = R',
  '',
  '[profile half]',
  'sso_session = half',
  'sso_account_id = 1',
  'sso_role_name = R',
  '',
  '[sso-session half]',
  'sso_start_url = https://d-1.awsapps.com/start',
  '',
  '[profile oldhalf]',
  'sso_start_url = https://d-2.awsapps.com/start',
  'sso_account_id = 1',
  'sso_role_name = R',
  '',
].join('\n');

test('an sso-session profile: the session names the token; start URL, Region and scopes come from the session (scopes split like the CLI)', () => {
  assert.deepEqual(ssoSignInTarget(view(CONFIG), 'dev'), {
    ssoProfile: 'dev',
    sessionName: 'corp',
    startUrl: 'https://d-1234567890.awsapps.com/start',
    region: 'eu-west-1',
    scopes: ['sso:account:access', 'codewhisperer:completions'],
  });
});

test('a legacy profile: no session (the token is named by the start URL), no scopes', () => {
  assert.deepEqual(ssoSignInTarget(view(CONFIG), 'old'), {
    ssoProfile: 'old',
    sessionName: null,
    startUrl: 'https://d-0987654321.awsapps.com/start',
    region: 'us-east-2',
    scopes: [],
  });
});

test('a role on top of an SSO profile signs in through the base of its chain', () => {
  const t = ssoSignInTarget(view(CONFIG), 'deploy');
  assert.ok(!('error' in t));
  assert.equal(t.ssoProfile, 'dev');
  assert.equal(t.sessionName, 'corp');
});

test('profiles that cannot sign in say why, naming the profile, section and file', () => {
  const err = (name: string) => {
    const t = ssoSignInTarget(view(CONFIG), name);
    assert.ok('error' in t, `${name}: an error`);
    return t.error;
  };
  assert.match(err('keys'), /`keys` does not use IAM Identity Center/);
  assert.match(err('nowhere'), /no \[sso-session missing\] section in \/home\/u\/\.aws\/config/);
  assert.match(err('half'), /\[sso-session half\] section \(\/home\/u\/\.aws\/config line \d+\) has no sso_region/);
  assert.match(err('oldhalf'), /Profile `oldhalf` \(\/home\/u\/\.aws\/config line \d+\) has no sso_region/);
  assert.match(err('ghost'), /`ghost` does not exist/);
});
