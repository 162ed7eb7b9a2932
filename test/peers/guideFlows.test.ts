// The setup guide's two writing paths end to end in Node, with the same pieces the panel host uses
// (setupValidation's changes, the byte-preserving writer, the engine's check): access keys against moto with
// authentication on, read back by the real AWS CLI v2; IAM Identity Center against the wire-level fake of the
// OIDC/portal APIs (a fake because no real peer exists) with role credentials that moto really issued.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_CLI_V2, awsCliV2Missing, needPeer } from '../support/peers';
import { motoMissing, startMoto, type Moto, type MotoSession, type MotoUser } from '../support/moto';
import { startSsoFake } from '../support/ssoFake';
import { applySettings } from '../../src/node/awsFileWriter';
import { checkProfile } from '../../src/node/engine';
import { closeLoadedSdk } from '../../src/node/loadSdk';
import { createSsoWire } from '../../src/node/sdkSso';
import { listAccountsAndRoles, signInWithDeviceCode } from '../../src/node/ssoSignIn';
import { keysChanges, previewChanges, overwrites, ssoProfileChanges, ssoSessionChanges, type KeysForm } from '../../src/core/setupValidation';
import { guideResult, profileSettings } from '../../src/vscode/setupGuideModel';
import { readAwsFiles } from '../../src/node/readAwsFiles';

let moto: Moto | null = null;
let missing: string | null = null;
let alice: MotoUser;
let session: MotoSession;
const homes: string[] = [];

before(async () => {
  missing = motoMissing();
  if (missing) return;
  moto = await startMoto({ auth: true });
  const role = await moto.createRole('AWSReservedSSO_PowerUser', { trustedArns: '*' });
  alice = await moto.createUser('alice', { assumableRoles: [role.arn] });
  session = await moto.assumeRole(alice, role.arn, { sessionName: 'alice@example.com' });
});

after(async () => {
  closeLoadedSdk();
  await moto?.stop();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

const EXISTING_CONFIG = '# my settings — keep this comment\n[default]\nregion = eu-west-1\n\n[profile other]\noutput = table\n';

function home(extraEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  const h = mkdtempSync(join(tmpdir(), 'aws-prereqs-guide-'));
  homes.push(h);
  mkdirSync(join(h, '.aws'));
  writeFileSync(join(h, '.aws', 'config'), EXISTING_CONFIG);
  return { HOME: h, PATH: process.env.PATH, AWS_ENDPOINT_URL_STS: moto!.endpoint, AWS_DEFAULT_REGION: 'us-east-1', ...extraEnv };
}

/** `/usr/bin/aws configure get KEY --profile P` with the test home (offline, the reference reader). */
function cliGet(env: NodeJS.ProcessEnv, key: string, profile: string): string {
  const r = spawnSync(AWS_CLI_V2, ['configure', 'get', key, '--profile', profile], {
    env: { HOME: env.HOME, PATH: '/usr/bin:/bin', AWS_CONFIG_FILE: join(env.HOME!, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(env.HOME!, '.aws', 'credentials') },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return r.stdout.trim();
}

const form = (o: Partial<KeysForm>): KeysForm => ({ profile: 'dev', accessKeyId: '', secretAccessKey: '', sessionToken: '', region: 'us-east-2', output: 'json', ...o });

test('access keys: a real key is written byte-preservingly, read back by the AWS CLI v2, and verified by STS', async (t) => {
  if (!needPeer(t, 'moto', missing) || !needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  const env = home();
  const f = form({ accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey });
  await applySettings(env, { profile: 'dev' }, keysChanges(f));

  const cfg = readFileSync(join(env.HOME!, '.aws', 'config'), 'utf8');
  assert.ok(cfg.startsWith(EXISTING_CONFIG), 'the existing config bytes are kept');
  assert.equal(statSync(join(env.HOME!, '.aws', 'credentials')).mode & 0o777, 0o600);
  assert.equal(cliGet(env, 'aws_access_key_id', 'dev'), alice.accessKeyId);
  assert.equal(cliGet(env, 'aws_secret_access_key', 'dev'), alice.secretAccessKey);
  assert.equal(cliGet(env, 'region', 'dev'), 'us-east-2');
  assert.equal(cliGet(env, 'output', 'dev'), 'json');
  assert.equal(cliGet(env, 'output', 'other'), 'table');

  const c = await checkProfile('dev', { env, timeoutMs: 5000, skipCliProbe: true });
  const r = guideResult(c, null, false);
  assert.equal(r.ok, true);
  assert.equal(r.arn, 'arn:aws:iam::123456789012:user/alice');
  assert.ok(r.warnings.some((w) => w.code === 'long-term-key'), JSON.stringify(r.warnings));
  assert.equal(JSON.stringify(r).includes(alice.secretAccessKey), false);
});

test('access keys: overwriting shows what changes; a wrong secret fails with the engine’s words', async (t) => {
  if (!needPeer(t, 'moto', missing) || !needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  const env = home();
  await applySettings(env, { profile: 'dev' }, keysChanges(form({ accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey })));
  const wrong = alice.secretAccessKey.slice(0, 39) + (alice.secretAccessKey.endsWith('A') ? 'B' : 'A');
  const f = form({ accessKeyId: alice.accessKeyId, secretAccessKey: wrong, region: 'us-west-2' });
  const files = await readAwsFiles(env);
  const preview = previewChanges(profileSettings(files, 'dev'), keysChanges(f));
  assert.ok(overwrites(preview));
  assert.deepEqual(
    preview.filter((p) => p.change !== 'keep').map((p) => [p.key, p.change, p.before, p.after]),
    [
      ['aws_secret_access_key', 'replace', '(hidden)', '(hidden)'],
      ['region', 'replace', 'us-east-2', 'us-west-2'],
    ],
  );
  await applySettings(env, { profile: 'dev' }, keysChanges(f));
  assert.equal(cliGet(env, 'region', 'dev'), 'us-west-2');
  const c = await checkProfile('dev', { env, timeoutMs: 5000, skipCliProbe: true });
  const r = guideResult(c, null, false);
  assert.equal(r.ok, false);
  assert.deepEqual(r.errors.map((e) => e.code), ['signature-mismatch']);
  assert.match(r.errors[0]!.message, /secret access key/i);
  assert.equal(JSON.stringify(r).includes(wrong), false);
});

test('access keys: a temporary ASIA key needs and gets its session token', async (t) => {
  if (!needPeer(t, 'moto', missing) || !needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  const env = home();
  await applySettings(env, { profile: 'temp' }, keysChanges(form({ profile: 'temp', accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken })));
  assert.equal(cliGet(env, 'aws_session_token', 'temp'), session.sessionToken);
  const c = await checkProfile('temp', { env, timeoutMs: 5000, skipCliProbe: true });
  assert.equal(c.identity?.arn, session.arn);
  // Replacing it with an AKIA key removes the stale token (it would break every call).
  await applySettings(env, { profile: 'temp' }, keysChanges(form({ profile: 'temp', accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey })));
  assert.equal(cliGet(env, 'aws_session_token', 'temp'), '');
  assert.equal((await checkProfile('temp', { env, timeoutMs: 5000, skipCliProbe: true })).identity?.arn, 'arn:aws:iam::123456789012:user/alice');
});

test('IAM Identity Center: session written, device sign-in, role picked, profile written and verified by the engine', async (t) => {
  if (!needPeer(t, 'moto', missing) || !needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  const fake = await startSsoFake({
    approveAfterPolls: 1,
    interval: 1,
    accounts: [{ accountId: '123456789012', accountName: 'Sandbox', emailAddress: 'sandbox@example.com', roles: ['PowerUser', 'ReadOnly'] }],
    roleCredentials: (_a, role) => (role === 'PowerUser' ? { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken } : null),
  });
  t.after(() => fake.close());
  const env = home({ AWS_ENDPOINT_URL_SSO: fake.url, AWS_ENDPOINT_URL_SSO_OIDC: fake.url });
  const ssoForm = { sessionName: 'corp', startUrl: 'https://d-1234567890.awsapps.com/start', region: 'us-east-1', scopes: 'sso:account:access' };
  await applySettings(env, { ssoSession: 'corp' }, ssoSessionChanges(ssoForm));
  const wire = createSsoWire({ region: 'us-east-1', oidcEndpoint: fake.url, portalEndpoint: fake.url });
  t.after(() => wire.destroy());
  const signed = await signInWithDeviceCode({ wire, sessionName: 'corp', startUrl: ssoForm.startUrl, region: 'us-east-1', scopes: ['sso:account:access'], home: env.HOME! });
  const accounts = await listAccountsAndRoles(wire, signed.accessToken);
  assert.deepEqual(accounts.map((a) => [a.accountId, a.roles]), [['123456789012', ['PowerUser', 'ReadOnly']]]);
  await applySettings(env, { profile: 'corp-power' }, ssoProfileChanges('corp', '123456789012', 'PowerUser', { profile: 'corp-power', region: 'eu-central-1', output: 'json' }));

  const cfg = readFileSync(join(env.HOME!, '.aws', 'config'), 'utf8');
  assert.ok(cfg.startsWith(EXISTING_CONFIG));
  assert.match(cfg, /\[sso-session corp\]\nsso_start_url = https:\/\/d-1234567890\.awsapps\.com\/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n/);
  assert.equal(cliGet(env, 'sso_session', 'corp-power'), 'corp');
  assert.equal(cliGet(env, 'sso_account_id', 'corp-power'), '123456789012');
  assert.equal(cliGet(env, 'sso_role_name', 'corp-power'), 'PowerUser');
  assert.equal(cliGet(env, 'region', 'corp-power'), 'eu-central-1');

  const c = await checkProfile('corp-power', { env, timeoutMs: 5000, skipCliProbe: true });
  assert.equal(c.identity?.arn, session.arn, JSON.stringify(c.problems));
  assert.equal(guideResult(c, null, false).ok, true);
});
