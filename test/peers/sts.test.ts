// The identity check against moto with authentication ON: real IAM users and keys, a wrong secret, an unknown
// and a deleted key, temporary (ASIA) keys from a real AssumeRole, a two-role chain, an expired session, MFA,
// credential_process, environment keys, console-login and SSO caches. The only fake is the IAM Identity
// Center portal's GetRoleCredentials (no emulator exists): a few lines of wire-level HTTP below, handing out
// keys that moto really issued.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needPeer } from '../support/peers';
import { motoMissing, startMoto, type Moto, type MotoRole, type MotoSession, type MotoUser } from '../support/moto';
import { runChecks, checkProfile, type CheckOptions } from '../../src/node/engine';
import { readAwsFiles } from '../../src/node/readAwsFiles';
import { closeLoadedSdk } from '../../src/node/loadSdk';
import type { CheckReport, ProfileCheck } from '../../src/core/model';

let moto: Moto | null = null;
let missing: string | null = null;
let bob: MotoUser;
let roleA: MotoRole;
let roleB: MotoRole;
let session: MotoSession;
const homes: string[] = [];

before(async () => {
  missing = motoMissing();
  if (missing) return;
  moto = await startMoto();
  roleB = await moto.createRole('RoleB');
  roleA = await moto.createRole('RoleA', { assumableRoles: [roleB.arn] });
  bob = await moto.createUser('bob', { assumableRoles: [roleA.arn] });
  session = await moto.assumeRole(bob, roleA.arn, { sessionName: 'file-session' });
});

after(async () => {
  closeLoadedSdk();
  await moto?.stop();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

/** A fresh home with the given files; returns the env a check runs with (STS pointed at moto). */
function home(files: { config?: string; credentials?: string; extra?: Record<string, string> }, env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const h = mkdtempSync(join(tmpdir(), 'aws-prereqs-sts-'));
  homes.push(h);
  mkdirSync(join(h, '.aws'));
  if (files.config !== undefined) writeFileSync(join(h, '.aws', 'config'), files.config);
  if (files.credentials !== undefined) writeFileSync(join(h, '.aws', 'credentials'), files.credentials, { mode: 0o600 });
  for (const [rel, text] of Object.entries(files.extra ?? {})) {
    mkdirSync(join(h, rel, '..'), { recursive: true });
    writeFileSync(join(h, rel), text);
  }
  return { HOME: h, PATH: process.env.PATH, AWS_ENDPOINT_URL_STS: moto!.endpoint, AWS_DEFAULT_REGION: 'us-east-1', ...env };
}

const keys = (name: string, k: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, extra = '') =>
  `[${name}]\naws_access_key_id = ${k.accessKeyId}\naws_secret_access_key = ${k.secretAccessKey}\n${k.sessionToken ? `aws_session_token = ${k.sessionToken}\n` : ''}${extra}`;

async function check(env: NodeJS.ProcessEnv, o: Partial<CheckOptions> = {}): Promise<CheckReport> {
  return runChecks({ env, timeoutMs: 5000, skipCliProbe: true, ...o });
}
const byName = (r: CheckReport, n: string): ProfileCheck => {
  const c = r.profiles.find((p) => p.name === n);
  assert.ok(c, `profile ${n} in report`);
  return c;
};
const codes = (c: ProfileCheck) => c.problems.map((p) => p.code);

test('a real IAM user key: identity confirmed, long-term key flagged, every step judged', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const env = home({ credentials: keys('default', bob) });
  const r = await check(env);
  const c = byName(r, 'default');
  assert.equal(c.status, 'warn');
  assert.deepEqual(c.identity, { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/bob', userId: c.identity!.userId });
  assert.deepEqual(codes(c), ['long-term-key']);
  assert.equal(r.steps.find((s) => s.id === 'account')!.status, 'pass');
  assert.equal(r.steps.find((s) => s.id === 'credentials')!.status, 'pass');
  assert.equal(r.steps.find((s) => s.id === 'security')!.status, 'warn');
});

test('wrong secret, unknown key and a deleted key each end as their named problem', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const carol = await moto!.createUser('carol');
  const env = home({
    credentials:
      keys('wrong', { ...bob, secretAccessKey: 'x' + bob.secretAccessKey.slice(1) }) +
      keys('unknown', { accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: bob.secretAccessKey }) +
      keys('deleted', carol),
  });
  await moto!.deleteAccessKey('carol', carol.accessKeyId);
  const r = await check(env);
  assert.ok(codes(byName(r, 'wrong')).includes('signature-mismatch'));
  assert.ok(codes(byName(r, 'unknown')).includes('invalid-access-key-id'));
  assert.ok(codes(byName(r, 'deleted')).includes('invalid-access-key-id'));
  for (const n of ['wrong', 'unknown', 'deleted']) assert.equal(byName(r, n).status, 'error');
  assert.equal(r.steps.find((s) => s.id === 'account')!.status, 'fail');
});

test('temporary ASIA keys from a real AssumeRole work; aws_expiration gives expiresAt; a past one is expired-token', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const future = new Date(Date.now() + 3600_000).toISOString();
  const env = home({
    credentials:
      keys('temp', session, `aws_expiration = ${future}\n`) +
      keys('stale', session, `aws_expiration = ${new Date(Date.now() - 60_000).toISOString()}\n`) +
      keys('badtoken', { ...session, sessionToken: 'FwoGZXIvYXdzEBogus' }),
  });
  const r = await check(env);
  const temp = byName(r, 'temp');
  assert.equal(temp.kind, 'session-keys');
  assert.equal(temp.status, 'ok');
  assert.equal(temp.identity!.arn, 'arn:aws:sts::123456789012:assumed-role/RoleA/file-session');
  assert.equal(temp.expiresAt, new Date(future).toISOString());
  assert.deepEqual(codes(byName(r, 'stale')), ['expired-token']);
  const bt = byName(r, 'badtoken');
  assert.deepEqual(codes(bt), ['invalid-access-key-id']);
  assert.match(bt.problems[0]!.message, /temporary credentials/);
});

test('an assume-role chain (user → RoleA → RoleB) is walked through real AssumeRole calls', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const env = home({
    credentials: keys('base', bob),
    config: `[profile a]\nrole_arn = ${roleA.arn}\nsource_profile = base\nrole_session_name = first\n[profile b]\nrole_arn = ${roleB.arn}\nsource_profile = a\nrole_session_name = second\n[profile denied]\nrole_arn = ${roleB.arn}\nsource_profile = base\n`,
  });
  const r = await check(env);
  assert.equal(byName(r, 'a').identity!.arn, 'arn:aws:sts::123456789012:assumed-role/RoleA/first');
  assert.equal(byName(r, 'b').identity!.arn, 'arn:aws:sts::123456789012:assumed-role/RoleB/second');
  assert.equal(byName(r, 'b').status, 'ok');
  // bob's identity policy does not allow RoleB directly.
  assert.deepEqual(codes(byName(r, 'denied')), ['assume-role-failed']);
});

test('MFA: without a code the role is mfa-required and unchecked; with the callback the code is asked once and used', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const serial = 'arn:aws:iam::123456789012:mfa/bob';
  const env = home({ credentials: keys('base', bob), config: `[profile mfa]\nrole_arn = ${roleA.arn}\nsource_profile = base\nmfa_serial = ${serial}\n` });
  const none = await check(env, { profile: 'mfa' });
  // --profile mfa: the long-term key of its source is reported with it (the source itself is not checked).
  assert.deepEqual(codes(byName(none, 'mfa')), ['long-term-key', 'mfa-required']);
  assert.equal(byName(none, 'mfa').status, 'unchecked');
  const asked: string[] = [];
  const withCode = await check(env, { profile: 'mfa', mfaCode: async (p, s) => (asked.push(`${p} ${s}`), '123456') });
  assert.deepEqual(asked, [`mfa ${serial}`]);
  assert.equal(byName(withCode, 'mfa').identity!.arn.split('/')[1], 'RoleA');
  assert.deepEqual(codes(byName(withCode, 'mfa')), ['long-term-key']);
});

test('credential_process: run without a shell, JSON validated, stderr kept, a hang bounded by the timeout', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const h = mkdtempSync(join(tmpdir(), 'aws-prereqs-proc-'));
  homes.push(h);
  const good = join(h, 'good creds.js');
  writeFileSync(good, `process.stdout.write(JSON.stringify({Version:1,AccessKeyId:${JSON.stringify(bob.accessKeyId)},SecretAccessKey:${JSON.stringify(bob.secretAccessKey)}}))`);
  const node = process.execPath;
  const env = home({
    config:
      `[profile good]\ncredential_process = ${node} "${good}"\n` +
      `[profile fails]\ncredential_process = ${node} -e "console.error('token expired, run login'); process.exit(4)"\n` +
      `[profile v2]\ncredential_process = ${node} -e "console.log(JSON.stringify({Version:2}))"\n` +
      `[profile hangs]\ncredential_process = ${node} -e "setTimeout(()=>{}, 60000)"\n` +
      `[profile shell]\ncredential_process = echo $HOME && touch ${join(h, 'pwned')}\n` +
      `[profile missingcmd]\ncredential_process = /nonexistent/creds --x\n`,
  });
  const t0 = Date.now();
  const r = await check(env, { timeoutMs: 1500 });
  assert.ok(Date.now() - t0 < 8000, 'bounded by the timeout');
  assert.equal(byName(r, 'good').identity!.arn, 'arn:aws:iam::123456789012:user/bob');
  const fails = byName(r, 'fails');
  assert.deepEqual(codes(fails), ['process-failed']);
  assert.match(fails.problems[0]!.message, /exited with code 4: token expired, run login/);
  assert.match(byName(r, 'v2').problems[0]!.message, /Version 2/);
  assert.match(byName(r, 'hangs').problems[0]!.message, /did not finish within 2 s|did not finish within 1 s/);
  assert.match(byName(r, 'missingcmd').problems[0]!.message, /command not found/);
  // No shell: `echo` got the literal arguments and printed no JSON; nothing was touched.
  assert.deepEqual(codes(byName(r, 'shell')), ['process-failed']);
  assert.equal(require('node:fs').existsSync(join(h, 'pwned')), false);
});

test('environment keys: checked as `environment`; with AWS_PROFILE the CLI and the JS SDK differ (env-overrides-profile)', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const env = home(
    { credentials: keys('dev', { ...bob, secretAccessKey: 'x' + bob.secretAccessKey.slice(1) }) },
    { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: session.accessKeyId, AWS_SECRET_ACCESS_KEY: session.secretAccessKey, AWS_SESSION_TOKEN: session.sessionToken },
  );
  const r = await check(env);
  assert.equal(r.environment!.status, 'ok');
  assert.equal(r.environment!.kind, 'session-keys');
  assert.deepEqual(r.source, { cli: 'environment', sdk: 'dev' });
  assert.ok(r.problems.some((p) => p.code === 'env-overrides-profile'));
  assert.ok(r.problems.some((p) => p.code === 'env-keys'));
  // The CLI would use the (working) env keys, so credentials do not fail even though `dev` is broken.
  assert.notEqual(r.steps.find((s) => s.id === 'credentials')!.status, 'fail');
  // --profile makes the CLI ignore the environment: only the profile is judged.
  const one = await check(env, { profile: 'dev' });
  assert.equal(one.environment, null);
  assert.equal(one.steps.find((s) => s.id === 'credentials')!.status, 'fail');
});

test('console login (aws login): credentials from ~/.aws/login/cache/<sha256>.json; expired and missing sessions', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const arn = 'arn:aws:sts::123456789012:assumed-role/Admin/me';
  const file = `.aws/login/cache/${createHash('sha256').update(arn).digest('hex')}.json`;
  const token = (exp: string) =>
    JSON.stringify({ accessToken: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken, accountId: '123456789012', expiresAt: exp } });
  const exp = new Date(Date.now() + 900_000).toISOString();
  const env = home({ config: `[profile console]\nlogin_session = ${arn}\n[profile other]\nlogin_session = arn:aws:sts::1:assumed-role/X/y\n`, extra: { [file]: token(exp) } });
  const r = await check(env);
  const c = byName(r, 'console');
  assert.equal(c.kind, 'console-login');
  assert.equal(c.identity!.arn, 'arn:aws:sts::123456789012:assumed-role/RoleA/file-session');
  assert.equal(c.expiresAt, exp);
  assert.ok(codes(c).includes('credentials-expiring'));
  assert.deepEqual(codes(byName(r, 'other')), ['login-token-missing']);
  const stale = home({ config: `[profile console]\nlogin_session = ${arn}\n`, extra: { [file]: token('2020-01-01T00:00:00Z') } });
  assert.deepEqual(codes(byName(await check(stale), 'console')), ['login-token-expired']);
});

/**
 * The portal's GetRoleCredentials (restJson1: GET /federation/credentials, bearer header) and SSO-OIDC's
 * CreateToken with a refresh token (POST /token), wire-level: the only fakes in this file.
 */
async function startPortal(valid: string, creds: () => MotoSession, refresh?: { token: string; clientId: string; issue: string }): Promise<{ url: string; server: Server; calls: string[] }> {
  const calls: string[] = [];
  const server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && u.pathname === '/token') {
      let text = '';
      for await (const c of req) text += c;
      const b = JSON.parse(text) as Record<string, string>;
      calls.push(`POST /token ${b.grantType}`);
      if (!refresh || b.grantType !== 'refresh_token' || b.refreshToken !== refresh.token || b.clientId !== refresh.clientId) {
        res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidGrantException' }).end(JSON.stringify({ error: 'invalid_grant' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accessToken: refresh.issue, tokenType: 'Bearer', expiresIn: 3600, refreshToken: refresh.token + '-2' }));
      return;
    }
    const token = req.headers['x-amz-sso_bearer_token'];
    calls.push(`${req.method} ${u.pathname} ${u.searchParams.get('account_id')}/${u.searchParams.get('role_name')}`);
    if (u.pathname !== '/federation/credentials') {
      res.writeHead(404).end();
      return;
    }
    if (token !== valid) {
      res.writeHead(401, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnauthorizedException' }).end(JSON.stringify({ message: 'Session token not found or invalid' }));
      return;
    }
    const c = creds();
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ roleCredentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: Date.now() + 3600_000 } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  return { url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, server, calls };
}

test('SSO and legacy SSO: token cache by SHA-1, GetRoleCredentials at the portal, then STS; missing and expired sign-ins', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const token = 'aoaAAAAAGVALIDTOKEN-' + 'x'.repeat(40);
  const portal = await startPortal(token, () => session);
  t.after(() => new Promise<void>((r) => portal.server.close(() => r())));
  const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
  const exp = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const cache = (startUrl: string, accessToken = token, expiresAt = exp) => JSON.stringify({ startUrl, region: 'eu-west-1', accessToken, expiresAt });
  const legacyUrl = 'https://d-legacy.awsapps.com/start';
  const config =
    `[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n` +
    `[sso-session corp]\nsso_start_url = https://d-corp.awsapps.com/start\nsso_region = eu-west-1\n` +
    `[profile legacy]\nsso_start_url = ${legacyUrl}\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n` +
    `[profile nosignin]\nsso_session = other\nsso_account_id = 1\nsso_role_name = R\n[sso-session other]\nsso_start_url = https://d-o.awsapps.com/start\nsso_region = eu-west-1\n` +
    `[profile ssorole]\nrole_arn = ${roleB.arn}\nsource_profile = sso\n`;
  const env = home(
    { config, extra: { [`.aws/sso/cache/${sha1('corp')}.json`]: cache('https://d-corp.awsapps.com/start'), [`.aws/sso/cache/${sha1(legacyUrl)}.json`]: cache(legacyUrl, 'revoked') } },
    { AWS_ENDPOINT_URL_SSO: portal.url },
  );
  const r = await check(env);
  const sso = byName(r, 'sso');
  assert.equal(sso.kind, 'sso');
  assert.equal(sso.status, 'ok');
  assert.equal(sso.identity!.arn, 'arn:aws:sts::123456789012:assumed-role/RoleA/file-session');
  assert.equal(sso.expiresAt, new Date(exp).toISOString(), 'the sign-in expiry, for the countdown');
  assert.ok(portal.calls.includes('GET /federation/credentials 123456789012/Admin'));
  // The role chain over SSO assumes RoleB with the portal's (moto-issued) keys.
  assert.equal(byName(r, 'ssorole').identity!.arn.split('/')[1], 'RoleB');
  assert.deepEqual(codes(byName(r, 'nosignin')), ['sso-token-missing']);
  assert.match(byName(r, 'nosignin').problems[0]!.message, /aws sso login --sso-session other/);
  // The legacy cache holds a token the portal no longer accepts: 401 → sign in again.
  assert.equal(byName(r, 'legacy').kind, 'legacy-sso');
  assert.deepEqual(codes(byName(r, 'legacy')), ['sso-token-expired']);
  const stale = home({ config, extra: { [`.aws/sso/cache/${sha1('corp')}.json`]: cache('https://d-corp.awsapps.com/start', token, '2020-01-01T00:00:00Z') } }, { AWS_ENDPOINT_URL_SSO: portal.url });
  const staleSso = byName(await check(stale, { profile: 'sso' }), 'sso');
  assert.deepEqual(codes(staleSso), ['sso-token-expired']);
  assert.equal(staleSso.expiresAt, '2020-01-01T00:00:00.000Z', 'an expired sign-in keeps its date for "expired … ago"');
  // Offline: no network, yet the countdown comes from the cache.
  const offline = await check(env, { offline: true });
  assert.equal(byName(offline, 'sso').expiresAt, new Date(exp).toISOString());
  assert.equal(byName(offline, 'sso').status, 'unchecked');
});

test('an expired sso-session token is renewed with its refresh token, as the CLI does, and the cache rewritten', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const fresh = 'aoaFRESHTOKEN-' + 'y'.repeat(40);
  const portal = await startPortal(fresh, () => session, { token: 'refresh-abc', clientId: 'client-1', issue: fresh });
  t.after(() => new Promise<void>((r) => portal.server.close(() => r())));
  const sha1 = createHash('sha1').update('corp').digest('hex');
  const cacheRel = `.aws/sso/cache/${sha1}.json`;
  const old = {
    startUrl: 'https://d-corp.awsapps.com/start', region: 'eu-west-1', accessToken: 'aoaOLDTOKEN-' + 'z'.repeat(40), expiresAt: '2020-01-01T00:00:00Z',
    clientId: 'client-1', clientSecret: 'client-secret-xyz', registrationExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'refresh-abc',
  };
  const config = `[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n[sso-session corp]\nsso_start_url = https://d-corp.awsapps.com/start\nsso_region = eu-west-1\n`;
  const env = home({ config, extra: { [cacheRel]: JSON.stringify(old) } }, { AWS_ENDPOINT_URL_SSO: portal.url, AWS_ENDPOINT_URL_SSO_OIDC: portal.url });
  const r = await check(env);
  const c = byName(r, 'sso');
  assert.equal(c.status, 'ok', JSON.stringify(c.problems));
  assert.deepEqual(portal.calls.slice(0, 2), ['POST /token refresh_token', 'GET /federation/credentials 123456789012/Admin']);
  const cached = JSON.parse(require('node:fs').readFileSync(join(env.HOME!, cacheRel), 'utf8'));
  assert.equal(cached.accessToken, fresh);
  assert.equal(cached.refreshToken, 'refresh-abc-2');
  assert.equal(cached.clientSecret, 'client-secret-xyz');
  assert.ok(Date.parse(cached.expiresAt) > Date.now() + 50 * 60_000);
  assert.equal(c.expiresAt, new Date(cached.expiresAt).toISOString());
  // A refresh token the service refuses: still expired, and the message says the renewal failed.
  const refused = home({ config, extra: { [cacheRel]: JSON.stringify({ ...old, refreshToken: 'revoked' }) } }, { AWS_ENDPOINT_URL_SSO: portal.url, AWS_ENDPOINT_URL_SSO_OIDC: portal.url });
  const rc = byName(await check(refused), 'sso');
  assert.deepEqual(codes(rc), ['sso-token-expired']);
  assert.match(rc.problems[0]!.message, /Renewing it failed \(InvalidGrantException\)/);
});

test('checkProfile, offline and cancellation', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const env = home({ credentials: keys('default', bob) + keys('other', bob) });
  const files = await readAwsFiles(env);
  const one = await checkProfile('default', { env, files });
  assert.equal(one.identity!.arn, 'arn:aws:iam::123456789012:user/bob');
  const offline = await check(env, { offline: true });
  assert.deepEqual(offline.profiles.map((p) => p.status), ['unchecked', 'unchecked']);
  assert.equal(offline.steps.find((s) => s.id === 'account')!.status, 'unknown');
  const ac = new AbortController();
  ac.abort();
  const cancelled = await check(env, { signal: ac.signal });
  assert.ok(cancelled.profiles.every((p) => p.status === 'unchecked' && codes(p).includes('check-skipped')));
  const missingProfile = await check(env, { profile: 'nope' });
  assert.deepEqual(codes(byName(missingProfile, 'nope')), ['profile-not-found']);
});

test('credential_source = Environment; Ec2InstanceMetadata is not checked off AWS', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const env = home(
    { config: `[profile fromenv]\nrole_arn = ${roleA.arn}\ncredential_source = Environment\nrole_session_name = envrole\n[profile imds]\nrole_arn = ${roleA.arn}\ncredential_source = Ec2InstanceMetadata\n` },
    { AWS_ACCESS_KEY_ID: bob.accessKeyId, AWS_SECRET_ACCESS_KEY: bob.secretAccessKey },
  );
  const r = await check(env);
  assert.equal(byName(r, 'fromenv').identity!.arn, 'arn:aws:sts::123456789012:assumed-role/RoleA/envrole');
  const imds = byName(r, 'imds');
  assert.equal(imds.status, 'unchecked');
  assert.deepEqual(codes(imds), ['check-skipped']);
});

test('web identity: the token file goes to AssumeRoleWithWebIdentity (moto without auth: the call is unsigned)', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  // moto's authentication layer cannot take unsigned calls, so this one peer runs with authentication off.
  const open = await startMoto({ auth: false });
  t.after(() => open.stop());
  const role = await open.createRole('CiRole');
  const tokenFile = join(tmpdir(), `aws-prereqs-wit-${process.pid}.jwt`);
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  writeFileSync(tokenFile, `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'ci', aud: 'sts.amazonaws.com', iss: 'https://token.example', exp: Math.floor(Date.now() / 1000) + 600 })}.c2ln`);
  t.after(() => rmSync(tokenFile, { force: true }));
  const env = home({ config: `[profile wit]\nrole_arn = ${role.arn}\nweb_identity_token_file = ${tokenFile}\nrole_session_name = ci\n[profile nofile]\nrole_arn = ${role.arn}\nweb_identity_token_file = ${tokenFile}.missing\n` }, { AWS_ENDPOINT_URL_STS: open.endpoint });
  const r = await check(env);
  const wit = byName(r, 'wit');
  assert.equal(wit.kind, 'web-identity');
  assert.equal(wit.identity?.arn, 'arn:aws:sts::123456789012:assumed-role/CiRole/ci', JSON.stringify(wit.problems));
  assert.deepEqual(codes(byName(r, 'nofile')), ['web-identity-failed']);
});
