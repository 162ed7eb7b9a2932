// IAM Identity Center sign-in from VS Code: the device flow against the wire-level fake of SSO-OIDC and
// the portal (test/support/ssoFake.ts — a fake because no real peer exists), through the real AWS SDK
// clients; the token cache we write read back by the JS SDK's own fromSSO provider; the role credentials
// it yields checked by STS in moto with authentication on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSSO } from '@aws-sdk/credential-providers';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startSsoFake, type SsoFakeOptions, pointAwsCliAt } from '../support/ssoFake';
import { createSsoWire } from '../../src/node/sdkSso';
import { listAccountsAndRoles, signInWithDeviceCode, SsoSignInError, tokenCacheFile, type PendingAuthorization } from '../../src/node/ssoSignIn';
import { AWS_CLI_V2, awsCliV2Missing, needPeer } from '../support/peers';
import { execFile } from 'node:child_process';
import { motoMissing, startMoto } from '../support/moto';

const START_URL = 'https://d-1234567890.awsapps.com/start';

/** A virtual clock shared by the client's sleep and the fake: no test waits for real polling intervals. */
function virtualClock() {
  let t = Date.now();
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new SsoSignInError('cancelled', 'The sign-in was cancelled.');
      sleeps.push(ms);
      t += ms;
      await new Promise((r) => setImmediate(r));
    },
  };
}

async function setup(t: import('node:test').TestContext, fakeOpts: SsoFakeOptions = {}) {
  const clock = virtualClock();
  const fake = await startSsoFake({ clock: clock.now, ...fakeOpts });
  const home = mkdtempSync(join(tmpdir(), 'sso-home-'));
  const wire = createSsoWire({ region: 'us-east-1', oidcEndpoint: fake.url, portalEndpoint: fake.url });
  t.after(async () => {
    wire.destroy();
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  });
  return { clock, fake, home, wire };
}

test('device sign-in: pending until approved, polls at the interval, writes the cache like the AWS CLI', async (t) => {
  const { clock, fake, home, wire } = await setup(t, { approveAfterPolls: 3, interval: 2 });
  const pending: PendingAuthorization[] = [];
  const r = await signInWithDeviceCode({
    wire,
    sessionName: 'dev',
    startUrl: START_URL,
    region: 'us-east-1',
    scopes: ['sso:account:access'],
    home,
    onPending: (a) => pending.push(a),
    now: clock.now,
    sleep: clock.sleep,
  });
  // The person was told the code exactly once, and it is the code the service issued.
  assert.equal(pending.length, 1);
  assert.equal(pending[0]!.userCode, fake.lastUserCode());
  assert.match(pending[0]!.verificationUriComplete, /user_code=/);
  // Polled every `interval` seconds, never too fast (the fake answers slow_down to a fast poller).
  assert.deepEqual(clock.sleeps, [2000, 2000, 2000]);
  const results = fake.log.filter((l) => l.path === '/token').map((l) => l.result);
  assert.deepEqual(results, ['AuthorizationPendingException', 'AuthorizationPendingException', 'AuthorizationPendingException', 'ok']);

  // The file the CLI and SDKs open: sha1 of the session name (vector from the shared conformance data).
  assert.equal(r.cacheFile, join(home, '.aws', 'sso', 'cache', '34c6fceca75e456f25e7e99531e2425c6c1de443.json'));
  assert.equal(statSync(r.cacheFile).mode & 0o777, 0o600);
  const text = readFileSync(r.cacheFile, 'utf8');
  const obj = JSON.parse(text) as Record<string, string>;
  assert.deepEqual(Object.keys(obj), ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
  assert.equal(obj.startUrl, START_URL);
  assert.equal(obj.region, 'us-east-1');
  assert.ok(fake.issuedTokens().includes(obj.accessToken!));
  assert.match(obj.expiresAt!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(obj.registrationExpiresAt!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  // Python's json.dumps separators, as the CLI writes.
  assert.ok(text.startsWith(`{"startUrl": "${START_URL}", "region": "us-east-1", "accessToken": "`), text.slice(0, 80));
  assert.equal(r.expiresAt, obj.expiresAt);

  // The client registration is cached next to it (what `aws sso login` reuses), 0600 too.
  const files = readdirSync(join(home, '.aws', 'sso', 'cache')).sort();
  assert.equal(files.length, 2);
  const regKey = createHash('sha1')
    .update('{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "dev", "startUrl": "https://d-1234567890.awsapps.com/start", "tool": "botocore"}')
    .digest('hex');
  assert.ok(files.includes(`${regKey}.json`), files.join(','));
  const reg = JSON.parse(readFileSync(join(home, '.aws', 'sso', 'cache', `${regKey}.json`), 'utf8'));
  assert.deepEqual(Object.keys(reg), ['clientId', 'clientSecret', 'expiresAt', 'scopes']);
  assert.equal(reg.clientId, obj.clientId);
});

test('device sign-in: a second sign-in reuses the cached client registration', async (t) => {
  const { clock, fake, home, wire } = await setup(t, { approveAfterPolls: 0 });
  const o = { wire, sessionName: 'dev', startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'], home, now: clock.now, sleep: clock.sleep };
  await signInWithDeviceCode(o);
  await signInWithDeviceCode(o);
  assert.equal(fake.log.filter((l) => l.path === '/client/register').length, 1);
  assert.equal(fake.log.filter((l) => l.path === '/device_authorization').length, 2);
});

test('device sign-in: slow_down adds five seconds to the interval, and it stays added', async (t) => {
  const { clock, fake, home, wire } = await setup(t, { interval: 1, slowDownOnPolls: [2], approveAfterPolls: 4 });
  await signInWithDeviceCode({ wire, sessionName: 'dev', startUrl: START_URL, region: 'us-east-1', scopes: [], home, now: clock.now, sleep: clock.sleep });
  // poll 1 (pending) → 1 s → poll 2 (slow_down) → 6 s → poll 3 (pending) → 6 s → poll 4 (pending) → 6 s → poll 5 (ok)
  assert.deepEqual(clock.sleeps, [1000, 6000, 6000, 6000]);
  assert.deepEqual(
    fake.log.filter((l) => l.path === '/token').map((l) => l.result),
    ['AuthorizationPendingException', 'SlowDownException', 'AuthorizationPendingException', 'AuthorizationPendingException', 'ok'],
  );
});

test('device sign-in: a code never confirmed ends with the service’s expired_token, and no token file', async (t) => {
  const { clock, home, wire, fake } = await setup(t, { interval: 5, deviceExpiresIn: 30 });
  await assert.rejects(
    signInWithDeviceCode({ wire, sessionName: 'dev', startUrl: START_URL, region: 'us-east-1', scopes: [], home, now: clock.now, sleep: clock.sleep }),
    (e: unknown) => e instanceof SsoSignInError && e.reason === 'expired' && /expired before it was confirmed/.test(e.message),
  );
  assert.equal(fake.log.at(-1)!.result, 'ExpiredTokenException');
  assert.equal(existsSync(tokenCacheFile(home, 'dev')), false);
});

test('device sign-in: denied in the browser says so', async (t) => {
  const { clock, home, wire, fake } = await setup(t);
  await assert.rejects(
    signInWithDeviceCode({
      wire, sessionName: 'dev', startUrl: START_URL, region: 'us-east-1', scopes: [], home, now: clock.now, sleep: clock.sleep,
      onPending: (a) => fake.deny(a.userCode),
    }),
    (e: unknown) => e instanceof SsoSignInError && e.reason === 'denied' && /denied/.test(e.message),
  );
});

test('device sign-in: cancel stops polling at once and writes no token', async (t) => {
  const { home, wire, fake } = await setup(t, { interval: 30 });
  const ac = new AbortController();
  const p = signInWithDeviceCode({
    wire, sessionName: 'dev', startUrl: START_URL, region: 'us-east-1', scopes: [], home, signal: ac.signal,
    onPending: () => setTimeout(() => ac.abort(), 50),
  });
  const t0 = Date.now();
  await assert.rejects(p, (e: unknown) => e instanceof SsoSignInError && e.reason === 'cancelled');
  assert.ok(Date.now() - t0 < 5000, 'cancel did not wait for the 30 s interval');
  assert.equal(fake.log.filter((l) => l.path === '/token').length, 1);
  assert.equal(existsSync(tokenCacheFile(home, 'dev')), false);
});

test('device sign-in: an unknown client (bad start of the flow) gives plain words, never a token', async (t) => {
  const { home, wire } = await setup(t);
  const bad = { ...wire, startDeviceAuthorization: () => wire.startDeviceAuthorization('nope', 'nope', START_URL) };
  await assert.rejects(
    signInWithDeviceCode({ wire: bad, sessionName: 'dev', startUrl: START_URL, region: 'us-east-1', scopes: [], home }),
    (e: unknown) => e instanceof SsoSignInError && e.reason === 'failed' && /refused the sign-in \(InvalidClientException\)/.test(e.message),
  );
});

test('accounts and roles: every page is followed (ListAccounts and ListAccountRoles paginate)', async (t) => {
  const accounts = Array.from({ length: 5 }, (_, i) => ({
    accountId: String(100000000000 + i),
    accountName: `Account ${i}`,
    emailAddress: `a${i}@example.com`,
    roles: ['RoleA', 'RoleB', 'RoleC'],
  }));
  const { clock, home, wire, fake } = await setup(t, { accounts, pageSize: 2, approveAfterPolls: 0 });
  const r = await signInWithDeviceCode({ wire, sessionName: 'dev', startUrl: START_URL, region: 'us-east-1', scopes: [], home, now: clock.now, sleep: clock.sleep });
  const list = await listAccountsAndRoles(wire, r.accessToken);
  assert.equal(list.length, 5);
  assert.deepEqual(list.map((a) => a.roles), Array(5).fill(['RoleA', 'RoleB', 'RoleC']));
  assert.equal(fake.log.filter((l) => l.path === '/assignment/accounts').length, 3);
  assert.equal(fake.log.filter((l) => l.path === '/assignment/roles').length, 10);
  fake.revokeTokens();
  await assert.rejects(listAccountsAndRoles(wire, r.accessToken), (e: unknown) => e instanceof SsoSignInError && e.reason === 'expired');
});

test('the token cache we write is read back by the JS SDK’s own fromSSO, and its role credentials pass STS (moto, auth on)', async (t) => {
  if (!needPeer(t, 'moto', motoMissing())) return;
  const moto = await startMoto({ auth: true });
  t.after(() => moto.stop());
  // What IAM Identity Center hands out is an assumed-role session: make a real one in moto.
  const role = await moto.createRole('AWSReservedSSO_AdministratorAccess', { trustedArns: '*' });
  const user = await moto.createUser('sso-broker', { assumableRoles: [role.arn] });
  const session = await moto.assumeRole(user, role.arn, { sessionName: 'person@example.com' });
  const { clock, home, wire, fake } = await setup(t, {
    approveAfterPolls: 1,
    roleCredentials: (accountId, roleName) =>
      accountId === '123456789012' && roleName === 'AdministratorAccess'
        ? { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken }
        : null,
  });
  // Set-up as the guide writes it: the sso-session and a profile using it.
  mkdirSync(join(home, '.aws'), { recursive: true });
  const config = join(home, '.aws', 'config');
  writeFileSync(
    config,
    `[sso-session my-sso]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n` +
      `[profile admin]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = AdministratorAccess\nregion = us-east-1\n`,
  );
  await signInWithDeviceCode({ wire, sessionName: 'my-sso', startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'], home, now: clock.now, sleep: clock.sleep });

  const prevHome = process.env.HOME;
  process.env.HOME = home; // fromSSO looks in ~/.aws/sso/cache, as the CLI does
  t.after(() => {
    process.env.HOME = prevHome;
  });
  const provider = fromSSO({
    profile: 'admin',
    configFilepath: config,
    filepath: join(home, '.aws', 'credentials'),
    ignoreCache: true,
    clientConfig: { endpoint: fake.url },
  });
  const creds = await provider();
  assert.equal(creds.accessKeyId, session.accessKeyId);
  const sts = new STSClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: creds, maxAttempts: 1 });
  t.after(() => sts.destroy());
  const id = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(id.Arn, session.arn);
  assert.match(id.Arn!, /:assumed-role\/AWSReservedSSO_AdministratorAccess\/person@example.com$/);
});

test('the AWS CLI v2 itself reuses the sign-in: `aws sts get-caller-identity` with the token cache we wrote', async (t) => {
  if (!needPeer(t, 'moto', motoMissing()) || !needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  const moto = await startMoto({ auth: true });
  t.after(() => moto.stop());
  const role = await moto.createRole('AWSReservedSSO_ReadOnly', { trustedArns: '*' });
  const user = await moto.createUser('cli-broker', { assumableRoles: [role.arn] });
  const session = await moto.assumeRole(user, role.arn, { sessionName: 'cli-person' });
  const { clock, home, wire, fake } = await setup(t, {
    approveAfterPolls: 1,
    roleCredentials: (a, r) => (a === '123456789012' && r === 'ReadOnlyAccess' ? { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken } : null),
  });
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(home, '.aws', 'config'),
    `[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n` +
      `[profile ro]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = ReadOnlyAccess\nregion = us-east-1\n`,
  );
  await signInWithDeviceCode({ wire, sessionName: 'corp', startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'], home, now: clock.now, sleep: clock.sleep });
  // The CLI 2.9.19 ignores AWS_ENDPOINT_URL_*: point only its portal client at the fake through a model
  // override in ~/.aws/models (botocore's loader looks there first); STS goes to moto with --endpoint-url.
  pointAwsCliAt(home, 'sso', fake.url);
  // Asynchronous: the fake answers from this process, so a synchronous spawn would deadlock.
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      AWS_CLI_V2,
      ['sts', 'get-caller-identity', '--profile', 'ro', '--endpoint-url', moto.endpoint, '--output', 'json'],
      { env: { HOME: home, PATH: '/usr/bin:/bin' }, timeout: 30_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    ),
  );
  assert.equal((JSON.parse(out) as { Arn: string }).Arn, session.arn);
  // It used our token: the portal saw the access token we cached, and no new sign-in happened.
  assert.equal(fake.log.filter((l) => l.path === '/federation/credentials' && l.result === 'ok').length, 1);
  assert.equal(fake.log.filter((l) => l.path === '/device_authorization').length, 1);
});

test('`aws sso login` (the real CLI) writes the same file shape we write, and reuses our client registration', async (t) => {
  if (!needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  // Real time here (the CLI polls on the wall clock); the code is approved at the first poll.
  const { clock, home, wire, fake } = await setup(t, { approveAfterPolls: 0, interval: 1, clock: Date.now });
  await signInWithDeviceCode({ wire, sessionName: 'corp', startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'], home, now: clock.now, sleep: clock.sleep });
  const ours = readFileSync(tokenCacheFile(home, 'corp'), 'utf8');
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), `[sso-session corp]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`);
  pointAwsCliAt(home, 'sso-oidc', fake.url);
  const registrations = fake.log.filter((l) => l.path === '/client/register').length;
  await new Promise<string>((resolve, reject) =>
    execFile(
      AWS_CLI_V2,
      ['sso', 'login', '--sso-session', 'corp', '--no-browser'],
      { env: { HOME: home, PATH: '/usr/bin:/bin' }, timeout: 30_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    ),
  );
  // The CLI found the registration we cached (same file name, same content format): no new RegisterClient.
  assert.equal(fake.log.filter((l) => l.path === '/client/register').length, registrations);
  const theirs = readFileSync(tokenCacheFile(home, 'corp'), 'utf8');
  assert.notEqual(theirs, ours, 'the CLI wrote a new token');
  // Same keys in the same order, same separators and time format: only the values differ.
  const shape = (text: string) => text.replace(/"((?:[^"\\]|\\.)*)"(?=[,}])/g, (_m, v: string) => (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v) ? '"<time>"' : '"<v>"'));
  assert.equal(shape(ours), shape(theirs));
  assert.equal(statSync(tokenCacheFile(home, 'corp')).mode & 0o777, 0o600);
});
