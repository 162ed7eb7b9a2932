// What the guide accepts in each field, and the words it uses when it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkAccessKeyId,
  checkKeysForm,
  checkOutput,
  checkProfileName,
  checkRegion,
  checkScopes,
  checkSecretAccessKey,
  checkSessionName,
  checkSessionToken,
  checkSsoForm,
  keysChanges,
  overwrites,
  previewChanges,
  ssoProfileChanges,
  ssoSessionChanges,
} from '../../src/core/setupValidation';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('start URL: real portal URL shapes pass', () => {
  for (const u of [
    'https://d-1234567890.awsapps.com/start',
    'https://d-1234567890.awsapps.com/start/',
    'https://my-company.awsapps.com/start#/',
    ' https://my-company.awsapps.com/start ',
    'https://start.us-gov-home.awsapps.com/directory/d-1234567890',
    'https://d-9067000000.awsapps.cn/start',
    'https://ssoins-1234567890abcdef.portal.us-east-1.app.aws',
  ]) {
    assert.equal(checkSsoForm({ sessionName: 's', startUrl: u, region: 'us-east-1', scopes: 'sso:account:access' }).startUrl, undefined, u);
  }
});

test('start URL: each kind of wrong value gets its own message', () => {
  const m = (u: string) => checkSsoForm({ sessionName: 's', startUrl: u, region: 'us-east-1', scopes: 'sso:account:access' }).startUrl;
  assert.match(m('')!, /Paste your AWS access portal URL/);
  assert.match(m('http://d-1234567890.awsapps.com/start')!, /must begin with https/);
  assert.match(m('d-1234567890.awsapps.com/start')!, /not a web address/);
  assert.match(m('https://d-1234567890.awsapps.com/login')!, /ends in \/start/);
  assert.match(m('https://example.com/start')!, /example\.com is not an AWS access portal/);
  assert.match(m('https://user:pw@d-1.awsapps.com/start')!, /user name or password/);
  assert.match(m('https://d-1.awsapps.com/st art')!, /spaces/);
});

test('regions, outputs, scopes', () => {
  assert.equal(checkRegion('eu-west-1'), null);
  assert.match(checkRegion('')!, /Choose a Region/);
  assert.match(checkRegion('eu-west-9')!, /"eu-west-9" is not an AWS Region/);
  assert.match(checkRegion('US-EAST-1')!, /not an AWS Region/);
  assert.equal(checkOutput(''), null);
  assert.equal(checkOutput('yaml-stream'), null);
  assert.match(checkOutput('xml')!, /json, yaml, yaml-stream, text, table/);
  assert.equal(checkScopes('sso:account:access, codewhisperer:completions'), null);
  assert.match(checkScopes(' , ')!, /at least one scope/);
  assert.match(checkScopes('sso account')!, /"sso account" is not a valid scope/);
});

test('profile and session names: characters every AWS tool accepts', () => {
  for (const ok of ['default', 'dev', 'team.prod-1', 'me@corp', 'a_b+c']) assert.equal(checkProfileName(ok), null, ok);
  assert.match(checkProfileName('')!, /Give the profile a name/);
  assert.match(checkProfileName('my profile')!, /characters AWS tools ignore/);
  assert.match(checkProfileName('a]b')!, /characters AWS tools ignore/);
  assert.match(checkProfileName('x'.repeat(65))!, /64 characters/);
  assert.match(checkSessionName('')!, /Give the sign-in session a name/);
  assert.match(checkSessionName('my sso')!, /session name/);
});

test('access key ID: AKIA or ASIA plus 16 upper-case letters or digits', () => {
  assert.equal(checkAccessKeyId(KEY), null);
  assert.equal(checkAccessKeyId('ASIAQWERTYUIOP123456'), null);
  assert.match(checkAccessKeyId('')!, /Paste the access key ID/);
  assert.match(checkAccessKeyId('ABIAIOSFODNN7EXAMPLE')!, /starts with AKIA/);
  assert.match(checkAccessKeyId('AKIAIOSFODNN7EXAMPL')!, /20 characters long; this one has 19/);
  assert.match(checkAccessKeyId('AKIAiosfodnn7example')!, /upper-case letters and digits/);
  assert.match(checkAccessKeyId(SECRET)!, /looks like a secret access key/);
  assert.match(checkAccessKeyId('AKIA IOSFODNN7EXAMPL')!, /spaces/);
});

test('secret access key: messages never repeat the value', () => {
  assert.equal(checkSecretAccessKey(SECRET), null);
  const msgs = [checkSecretAccessKey(''), checkSecretAccessKey(SECRET.slice(1)), checkSecretAccessKey(SECRET.slice(0, 39) + '!'), checkSecretAccessKey(KEY), checkSecretAccessKey('a b')];
  for (const m of msgs) {
    assert.ok(m);
    assert.ok(!m.includes(SECRET.slice(5, 20)), m);
  }
  assert.match(msgs[1]!, /40 characters long; this one has 39/);
  assert.match(msgs[2]!, /only letters, digits, \/ and \+/);
  assert.match(msgs[3]!, /access key ID, not the secret/);
});

test('session token: needed for ASIA, refused for AKIA', () => {
  assert.match(checkSessionToken('', 'ASIAQWERTYUIOP123456')!, /needs its session token/);
  assert.equal(checkSessionToken('IQoJb3JpZ2luX2VjEHwaCXVz+/==', 'ASIAQWERTYUIOP123456'), null);
  assert.match(checkSessionToken('abc', KEY)!, /Only temporary keys/);
  assert.equal(checkSessionToken('', KEY), null);
  assert.match(checkSessionToken('a"b', 'ASIAQWERTYUIOP123456')!, /characters a session token never has/);
});

test('the whole access-key form', () => {
  const good = { profile: 'dev', accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: '', region: 'us-east-1', output: 'json' };
  assert.deepEqual(checkKeysForm(good), {});
  assert.deepEqual(Object.keys(checkKeysForm({ profile: '', accessKeyId: '', secretAccessKey: '', sessionToken: 'x', region: '', output: 'xml' })).sort(), [
    'accessKeyId', 'output', 'profile', 'region', 'secretAccessKey', 'sessionToken',
  ]);
  assert.deepEqual(keysChanges(good), { aws_access_key_id: KEY, aws_secret_access_key: SECRET, aws_session_token: null, region: 'us-east-1', output: 'json' });
});

test('overwrite preview: what would change, secrets hidden', () => {
  const existing = { aws_access_key_id: 'AKIAOLDOLDOLDOLD1234', aws_secret_access_key: 'old-secret-value', aws_session_token: 'tok', region: 'eu-west-1', cli_pager: '' };
  const p = previewChanges(existing, { aws_access_key_id: KEY, aws_secret_access_key: SECRET, aws_session_token: null, region: 'eu-west-1', output: 'json' });
  assert.deepEqual(p, [
    { key: 'aws_access_key_id', change: 'replace', before: 'AKIA…1234', after: 'AKIA…MPLE' },
    { key: 'aws_secret_access_key', change: 'replace', before: '(hidden)', after: '(hidden)' },
    { key: 'aws_session_token', change: 'remove', before: '(hidden)' },
    { key: 'region', change: 'keep', before: 'eu-west-1', after: 'eu-west-1' },
    { key: 'output', change: 'add', after: 'json' },
    { key: 'cli_pager', change: 'keep', before: '', after: '' },
  ]);
  assert.ok(overwrites(p));
  assert.equal(JSON.stringify(p).includes('old-secret-value'), false);
  assert.equal(JSON.stringify(p).includes(SECRET), false);
  const fresh = previewChanges(null, { region: 'us-east-1', aws_session_token: null });
  assert.deepEqual(fresh, [{ key: 'region', change: 'add', after: 'us-east-1' }]);
  assert.equal(overwrites(fresh), false);
});

test('Identity Center settings as aws configure sso writes them', () => {
  assert.deepEqual(ssoSessionChanges({ sessionName: 'corp', startUrl: ' https://d-1.awsapps.com/start ', region: 'eu-west-1', scopes: 'sso:account:access , x:y' }), {
    sso_start_url: 'https://d-1.awsapps.com/start',
    sso_region: 'eu-west-1',
    sso_registration_scopes: 'sso:account:access,x:y',
  });
  const c = ssoProfileChanges('corp', '123456789012', 'Admin', { profile: 'p', region: 'us-east-2', output: '' });
  assert.equal(c.sso_session, 'corp');
  assert.equal(c.aws_access_key_id, null);
  assert.equal('output' in c, false);
});
