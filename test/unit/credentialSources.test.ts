// Credential sources, pure: environment precedence (CLI vs JS SDK), credential_process argv and output, caches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideSource, envCredentials, earliest, isoExpiry, parseLoginToken, parseProcessOutput, parseSsoToken, splitCommandLine, ssoPlan } from '../../src/core/credentialSources';

test('environment keys need both halves; AWS_SECURITY_TOKEN is the old name of the session token', () => {
  assert.equal(envCredentials({ AWS_ACCESS_KEY_ID: 'AKIAX' }), null);
  assert.deepEqual(envCredentials({ AWS_ACCESS_KEY_ID: 'ASIAX', AWS_SECRET_ACCESS_KEY: 's', AWS_SECURITY_TOKEN: 't', AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z' }), {
    accessKeyId: 'ASIAX',
    secretAccessKey: 's',
    sessionToken: 't',
    expiration: '2030-01-01T00:00:00Z',
  });
});

test('AWS_PROFILE with environment keys: the CLI uses the keys, the JS SDK the profile → env-overrides-profile', () => {
  const d = decideSource({ AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 's' }, 'dev');
  assert.deepEqual([d.cli, d.sdk], ['environment', 'dev']);
  assert.deepEqual(d.problems.map((p) => p.code), ['env-overrides-profile']);
  const plain = decideSource({ AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 's' }, 'default');
  assert.deepEqual([plain.cli, plain.sdk, plain.problems.length], ['environment', 'environment', 0]);
  assert.deepEqual(decideSource({}, 'default'), { cli: 'default', sdk: 'default', problems: [] });
  const dflt = decideSource({ AWS_DEFAULT_PROFILE: 'work' }, 'work');
  assert.deepEqual([dflt.cli, dflt.sdk, dflt.problems.map((p) => p.code)], ['work', 'default', ['sdk-picks-other-profile']]);
});

test('credential_process is split like shlex (POSIX), never through a shell', () => {
  assert.deepEqual(splitCommandLine('/opt/bin/creds --profile "my dev" --x \'a b\' c\\ d', 'linux'), ['/opt/bin/creds', '--profile', 'my dev', '--x', 'a b', 'c d']);
  assert.deepEqual(splitCommandLine('echo "a\\"b" \'$HOME\' $HOME; rm', 'linux'), ['echo', 'a"b', '$HOME', '$HOME;', 'rm']);
  assert.deepEqual(splitCommandLine('"C:\\Program Files\\x.exe" --a', 'win32'), ['C:\\Program Files\\x.exe', '--a']);
  assert.throws(() => splitCommandLine('echo "unclosed', 'linux'), /No closing quotation/);
});

test('credential_process output: JSON Version 1 with both keys; errors never quote the output', () => {
  const good = parseProcessOutput(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAX', SecretAccessKey: 'SECRETVALUE', SessionToken: 'TOKENVALUE', Expiration: '2030-01-01T00:00:00Z' }));
  assert.ok('credentials' in good && good.credentials.sessionToken === 'TOKENVALUE');
  for (const bad of ['', 'not json', '[]', JSON.stringify({ Version: 2, AccessKeyId: 'A', SecretAccessKey: 'SECRETVALUE' }), JSON.stringify({ Version: 1, AccessKeyId: 'A' }), JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'SECRETVALUE', Expiration: 'soon' })]) {
    const r = parseProcessOutput(bad);
    assert.ok('error' in r, bad);
    assert.doesNotMatch(r.error, /SECRETVALUE/);
  }
});

test('SSO plan: sso-session name is the cache key; legacy uses the start URL as written', () => {
  const sessions = { corp: { name: 'corp', settings: { sso_start_url: 'https://d-1.awsapps.com/start', sso_region: 'eu-west-1' }, sources: [], keySources: {} } };
  assert.deepEqual(ssoPlan({ sso_session: 'corp', sso_account_id: '1', sso_role_name: 'R' }, sessions), {
    cacheKey: 'corp', legacy: false, session: 'corp', startUrl: 'https://d-1.awsapps.com/start', ssoRegion: 'eu-west-1', accountId: '1', roleName: 'R',
  });
  const legacy = ssoPlan({ sso_start_url: 'https://d-1.awsapps.com/start/', sso_region: 'us-east-1' }, {});
  assert.ok('cacheKey' in legacy && legacy.cacheKey === 'https://d-1.awsapps.com/start/' && legacy.legacy);
  assert.ok('problem' in ssoPlan({ sso_session: 'nope' }, sessions));
});

test('token caches parse; expiry normalises to ISO and a chain expires with its first link', () => {
  assert.ok('accessToken' in parseSsoToken('{"accessToken":"t","expiresAt":"2030-01-01T00:00:00Z","region":"us-east-1"}'));
  assert.ok('error' in parseSsoToken('{"expiresAt":"x"}'));
  const l = parseLoginToken('{"accessToken":{"accessKeyId":"ASIA","secretAccessKey":"s","sessionToken":"t","accountId":"1","expiresAt":"2030-01-01T00:00:00Z"}}');
  assert.ok('credentials' in l && l.accountId === '1');
  assert.equal(isoExpiry(1893456000), '2030-01-01T00:00:00.000Z');
  assert.equal(isoExpiry('garbage'), null);
  assert.equal(earliest('2030-01-01T00:00:00Z', null, '2029-01-01T00:00:00Z'), '2029-01-01T00:00:00.000Z');
});

test('SSO refresh happens like botocore: sso-session only, within 15 min, with a live registration', async () => {
  const { shouldRefreshSsoToken } = await import('../../src/core/credentialSources');
  const now = Date.parse('2026-11-23T12:00:00Z');
  const t = { accessToken: 'a', expiresAt: '2026-11-23T12:10:00Z', refreshToken: 'r', clientId: 'c', clientSecret: 's', registrationExpiresAt: '2027-01-01T00:00:00Z' };
  assert.equal(shouldRefreshSsoToken(t, true, now), true);
  assert.equal(shouldRefreshSsoToken(t, false, now), false, 'legacy profiles are never refreshed');
  assert.equal(shouldRefreshSsoToken({ ...t, expiresAt: '2026-11-23T13:00:00Z' }, true, now), false, 'more than 15 min left');
  assert.equal(shouldRefreshSsoToken({ ...t, registrationExpiresAt: '2026-11-01T00:00:00Z' }, true, now), false, 'registration expired');
  const { refreshToken: _r, ...noRefresh } = t;
  assert.equal(shouldRefreshSsoToken(noRefresh, true, now), false);
});
