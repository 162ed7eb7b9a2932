// A legacy IAM Identity Center profile (sso_start_url in the profile, no sso-session) signed in from the sidebar:
// the shared device sign-in, then the real AWS CLI v2's `aws sso login --profile` against the same wire-level fake
// (a fake because no real peer exists) — it must find our client registration (same file name) and write its
// token to the file we wrote, in the same shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFiles } from '../../src/core/analyzeFiles';
import { ssoSignInTarget } from '../../src/core/ssoSignInTarget';
import { createSsoWire } from '../../src/node/sdkSso';
import { signInWithDeviceCode, tokenCacheFile } from '../../src/node/ssoSignIn';
import { startSsoFake, pointAwsCliAt } from '../support/ssoFake';
import { AWS_CLI_V2, awsCliV2Missing, needPeer } from '../support/peers';

const START_URL = 'https://d-0987654321.awsapps.com/start';

test('legacy profile: our sign-in and `aws sso login --profile` share the registration and the token file', { timeout: 60_000 }, async (t) => {
  if (!needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  // Real time (the CLI polls on the wall clock); codes are approved at the first poll.
  const fake = await startSsoFake({ approveAfterPolls: 0, interval: 1 });
  const home = mkdtempSync(join(tmpdir(), 'sso-legacy-'));
  const wire = createSsoWire({ region: 'us-east-2', oidcEndpoint: fake.url, portalEndpoint: fake.url });
  t.after(async () => {
    wire.destroy();
    await fake.close();
    rmSync(home, { recursive: true, force: true });
  });
  const config = `[profile old]\nsso_start_url = ${START_URL}\nsso_region = us-east-2\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n`;
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), config);

  // What the sidebar does: the target from the files, then the guide's device sign-in.
  const target = ssoSignInTarget(analyzeFiles({ path: join(home, '.aws', 'config'), text: config }, { path: join(home, '.aws', 'credentials'), text: null }).cli, 'old');
  assert.ok(!('error' in target), JSON.stringify(target));
  const r = await signInWithDeviceCode({ wire, sessionName: target.sessionName, startUrl: target.startUrl, region: target.region, scopes: target.scopes, home });
  assert.equal(r.cacheFile, tokenCacheFile(home, START_URL));
  assert.equal(statSync(r.cacheFile).mode & 0o777, 0o600);
  const ours = readFileSync(r.cacheFile, 'utf8');
  const reg = fake.log.filter((l) => l.path === '/client/register');
  assert.equal(reg.length, 1);

  // The CLI 2.9.19 ignores AWS_ENDPOINT_URL_*: point its OIDC client at the fake with a model override.
  pointAwsCliAt(home, 'sso-oidc', fake.url);
  await new Promise<string>((resolve, reject) =>
    execFile(AWS_CLI_V2, ['sso', 'login', '--profile', 'old', '--no-browser'], { env: { HOME: home, PATH: '/usr/bin:/bin' }, timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
  // The CLI reused the registration we cached under botocore's legacy key (no session, no scopes).
  assert.equal(fake.log.filter((l) => l.path === '/client/register').length, 1);
  const theirs = readFileSync(tokenCacheFile(home, START_URL), 'utf8');
  assert.notEqual(theirs, ours, 'the CLI wrote a new token to the same file');
  const shape = (text: string) => text.replace(/"((?:[^"\\]|\\.)*)"(?=[,}])/g, (_m, v: string) => (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v) ? '"<time>"' : '"<v>"'));
  assert.equal(shape(ours), shape(theirs));
});
