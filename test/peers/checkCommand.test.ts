// `aws-prereqs check` end to end against moto (auth on): the JSON contract, exit codes, the human checklist,
// no secret in any output or log line, the built dist/cli.js as a real process, and the real `aws` installs on
// this machine's PATH (a pip v1 shadowing Debian's v2).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AWS_CLI_V2, awsCliV2Missing, needPeer } from '../support/peers';
import { motoMissing, startMoto, type Moto, type MotoSession, type MotoUser } from '../support/moto';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli/io';
import { closeLoadedSdk } from '../../src/node/loadSdk';
import { findAwsOnPath, probeAwsCli } from '../../src/node/awsCliProbe';
import { judgeCliInstalls } from '../../src/core/cliVersion';

const root = join(__dirname, '..', '..');
let moto: Moto | null = null;
let missing: string | null = null;
let bob: MotoUser;
let sess: MotoSession;
let dir: string;

before(async () => {
  missing = motoMissing();
  if (missing) return;
  moto = await startMoto();
  const role = await moto.createRole('Ops');
  bob = await moto.createUser('bob', { assumableRoles: [role.arn] });
  sess = await moto.assumeRole(bob, role.arn);
  dir = mkdtempSync(join(tmpdir(), 'aws-prereqs-check-'));
});

after(async () => {
  closeLoadedSdk();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function io(env: NodeJS.ProcessEnv): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t), env, readStdin: async () => '', stdinIsTty: false, version: 'test' }, out, err };
}

function homeWith(name: string, config: string, credentials: string, extra: Record<string, string> = {}): string {
  const h = join(dir, name);
  mkdirSync(join(h, '.aws'), { recursive: true });
  writeFileSync(join(h, '.aws', 'config'), config);
  writeFileSync(join(h, '.aws', 'credentials'), credentials, { mode: 0o600 });
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(h, rel)), { recursive: true });
    writeFileSync(join(h, rel), text);
  }
  return h;
}

test('no secret value appears in check --json, the human output or the debug log', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const processSecret = 'PROCESSSECRETabcdefghijklmnopqrstuvwxyz0123';
  const ssoToken = 'SSOACCESSTOKEN-' + 'q'.repeat(60);
  const wrongSecret = 'WRONGSECRETabcdefghijklmnopqrstuvwxyz012345';
  const leaky = join(dir, 'leaky.js');
  // A credential_process that fails and prints its own secret on stderr: the message keeps stderr, redacted.
  writeFileSync(leaky, `process.stdout.write(JSON.stringify({Version:1,AccessKeyId:'ASIAPROC',SecretAccessKey:${JSON.stringify(processSecret)}}));console.error('debug secret=' + ${JSON.stringify(processSecret)});process.exit(2)`);
  const h = homeWith(
    'secrets',
    `[default]\nregion = us-east-1\n[profile proc]\ncredential_process = ${process.execPath} ${leaky}\n[profile sso]\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session s]\nsso_start_url = https://d-x.awsapps.com/start\nsso_region = us-east-1\n`,
    `[default]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n` +
      `[wrong]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${wrongSecret}\n` +
      `[temp]\naws_access_key_id = ${sess.accessKeyId}\naws_secret_access_key = ${sess.secretAccessKey}\naws_session_token = ${sess.sessionToken}\n`,
    // A valid-looking SSO token; the portal endpoint refuses the connection, so the token is sent nowhere useful.
    { [`.aws/sso/cache/${createHash('sha1').update('s').digest('hex')}.json`]: JSON.stringify({ accessToken: ssoToken, expiresAt: '2099-01-01T00:00:00Z', region: 'us-east-1' }) },
  );
  const env = {
    HOME: h,
    PATH: process.env.PATH,
    AWS_ENDPOINT_URL_STS: moto!.endpoint,
    AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:9',
    AWS_ACCESS_KEY_ID: sess.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sess.secretAccessKey,
    AWS_SESSION_TOKEN: sess.sessionToken,
    AWS_PREREQS_DEBUG: '1',
  };
  const json = io(env);
  await main(['check', '--json', '--timeout-ms', '3000'], json.io);
  const human = io(env);
  await main(['check', '--timeout-ms', '3000'], human.io);
  const all = [...json.out, ...json.err, ...human.out, ...human.err].join('\n');
  assert.ok(json.err.length > 3, 'the debug log was produced');
  for (const s of [bob.secretAccessKey, sess.secretAccessKey, sess.sessionToken, processSecret, ssoToken, wrongSecret]) {
    assert.equal(all.includes(s), false, `a secret (${s.slice(0, 4)}…) leaked`);
  }
  // …while the useful parts are there.
  const report = JSON.parse(json.out.join('\n'));
  assert.match(JSON.stringify(report), /debug secret=\*\*\*\*/);
  assert.equal(report.environment.status, 'ok');
  assert.ok(report.profiles.find((p: { name: string }) => p.name === 'wrong').problems.some((p: { code: string }) => p.code === 'signature-mismatch'));
});

test('JSON contract, exit codes 0/1/2, and a readable checklist', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const h = homeWith('contract', '[default]\nregion = us-east-1\n', `[default]\naws_access_key_id = ${sess.accessKeyId}\naws_secret_access_key = ${sess.secretAccessKey}\naws_session_token = ${sess.sessionToken}\n`);
  // A PATH with only the v2 CLI, so the cli step passes (2.9.19: an info about aws login only).
  const v2dir = mkdtempSync(join(dir, 'bin-'));
  if (!awsCliV2Missing()) writeFileSync(join(v2dir, 'aws'), `#!/bin/sh\nexec ${AWS_CLI_V2} "$@"\n`, { mode: 0o755 });
  const env = { HOME: h, PATH: `${v2dir}:/usr/local/bin`, AWS_ENDPOINT_URL_STS: moto!.endpoint };
  const good = io(env);
  const code = await main(['check', '--json'], good.io);
  const r = JSON.parse(good.out.join('\n'));
  assert.deepEqual(Object.keys(r).slice(0, 5), ['steps', 'activeProfile', 'cli', 'profiles', 'problems']);
  assert.deepEqual(r.steps.map((s: { id: string }) => s.id), ['account', 'credentials', 'security', 'cli']);
  for (const s of r.steps) assert.deepEqual(Object.keys(s), ['id', 'status', 'summary']);
  assert.deepEqual(Object.keys(r.profiles[0]), ['name', 'kind', 'status', 'identity', 'expiresAt', 'problems']);
  assert.deepEqual(Object.keys(r.profiles[0].identity), ['account', 'arn', 'userId']);
  assert.equal(r.activeProfile, 'default');
  if (!awsCliV2Missing()) {
    assert.equal(r.cli.version, '2.9.19');
    assert.equal(code, 0, JSON.stringify(r.steps));
  }
  // A failing step exits 1.
  const broken = homeWith('broken', '', `[default]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = nope-nope-nope\n`);
  const bad = io({ ...env, HOME: broken });
  assert.equal(await main(['check'], bad.io), 1);
  const text = bad.out.join('\n');
  assert.match(text, /✖ Credentials: /);
  assert.match(text, /AWS does not know the access key of profile `default`/);
  // Usage errors exit 2 with one line.
  for (const args of [['check', '--bogus'], ['check', '--timeout-ms', 'soon'], ['check', '--profile']]) {
    const u = io(env);
    assert.equal(await main(args, u.io), 2, args.join(' '));
    assert.equal(u.err.length, 1);
  }
  // Offline: no network, profiles unchecked, account unknown.
  const off = io({ ...env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
  await main(['check', '--json', '--offline'], off.io);
  const ro = JSON.parse(off.out.join('\n'));
  assert.equal(ro.profiles[0].status, 'unchecked');
  assert.equal(ro.steps[0].status, 'unknown');
});

test('the built dist/cli.js runs as a real process and ends promptly', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const cli = join(root, 'dist', 'cli.js');
  if (!needPeer(t, 'dist/cli.js', existsSync(cli) && existsSync(join(root, 'dist', 'sdk.js')) ? null : 'not built (npm run build)')) return;
  const h = homeWith('dist', '', `[default]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`);
  const env = { HOME: h, PATH: '/usr/bin:/bin', AWS_ENDPOINT_URL_STS: moto!.endpoint, AWS_DEFAULT_REGION: 'us-east-1' };
  const t0 = Date.now();
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    const c = execFile(process.execPath, [cli, 'check', '--json'], { env, timeout: 30_000 }, (_e, stdout, stderr) => resolve({ stdout, stderr, code: c.exitCode }));
  });
  const r = JSON.parse(stdout);
  assert.equal(r.profiles[0].identity.arn, 'arn:aws:iam::123456789012:user/bob');
  assert.equal(stderr, '', 'nothing on stderr (no SDK warnings)');
  assert.ok(code === 0 || code === 1);
  assert.ok(Date.now() - t0 < 15_000);
});

test('the AWS CLI installs on this PATH: a pip v1 first, Debian v2 behind it', async (t) => {
  const v1 = findAwsOnPath({ PATH: process.env.PATH }).find((p) => !p.startsWith('/usr/bin') && !p.startsWith('/bin'));
  if (!needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  if (!needPeer(t, 'aws cli v1 (pip)', v1 ? null : 'no second aws on PATH')) return;
  const env = { PATH: `${dirname(v1!)}:/usr/bin:/bin`, HOME: process.env.HOME };
  const paths = findAwsOnPath(env);
  // /bin/aws is /usr/bin/aws through the /bin → usr/bin link: listed once.
  assert.equal(paths.filter((p) => realpathSync(p) === realpathSync(AWS_CLI_V2)).length, 1);
  const installs = await probeAwsCli({ env, cache: false });
  assert.equal(installs[0]!.major, 1);
  assert.equal(installs[1]!.version, '2.9.19');
  const codes = judgeCliInstalls(installs, 'linux').map((p) => p.code);
  assert.deepEqual(codes, ['cli-v1', 'cli-shadowed']);
});

test('aws --version answers are cached per executable and probed again when the file changes', async () => {
  const b = mkdtempSync(join(tmpdir(), 'aws-prereqs-cache-'));
  try {
    const count = join(b, 'count');
    writeFileSync(join(b, 'aws'), `#!/bin/sh\necho x >> ${count}\necho "aws-cli/2.40.1 Python/3.13 Linux/6"\n`, { mode: 0o755 });
    const env = { PATH: b, HOME: b, XDG_CACHE_HOME: join(b, 'cache') };
    const runs = () => (existsSync(count) ? require('node:fs').readFileSync(count, 'utf8').split('\n').filter(Boolean).length : 0);
    assert.equal((await probeAwsCli({ env }))[0]!.version, '2.40.1');
    assert.equal((await probeAwsCli({ env }))[0]!.version, '2.40.1');
    assert.equal(runs(), 1, 'second probe answered from the cache');
    assert.ok(existsSync(join(b, 'cache', 'aws-prereqs', 'aws-cli-versions.json')));
    // An upgrade replaces the file: the cache no longer applies.
    writeFileSync(join(b, 'aws'), `#!/bin/sh\necho x >> ${count}\necho "aws-cli/2.41.0 Python/3.13 Linux/6"\n`, { mode: 0o755 });
    assert.equal((await probeAwsCli({ env }))[0]!.version, '2.41.0');
    assert.equal(runs(), 2);
  } finally {
    rmSync(b, { recursive: true, force: true });
  }
});

test('no aws on PATH is cli-missing; an aws that hangs is reported without a version, within the timeout', async () => {
  assert.deepEqual(await probeAwsCli({ env: { PATH: '/nonexistent' } }), []);
  const b = mkdtempSync(join(tmpdir(), 'aws-prereqs-hang-'));
  try {
    writeFileSync(join(b, 'aws'), '#!/bin/sh\nexec /bin/sleep 30\n');
    chmodSync(join(b, 'aws'), 0o755);
    const t0 = Date.now();
    const [i] = await probeAwsCli({ env: { PATH: b }, timeoutMs: 500 });
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(i!.version, null);
    assert.match(i!.raw, /no answer within 500 ms/);
    assert.deepEqual(judgeCliInstalls([i!], 'linux').map((p) => p.code), ['cli-broken']);
  } finally {
    rmSync(b, { recursive: true, force: true });
  }
});

test('a config file the AWS CLI v2 refuses does not make the CLI step say the CLI is broken', async (t) => {
  if (!needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  const b = mkdtempSync(join(tmpdir(), 'aws-prereqs-refused-'));
  try {
    const config = join(b, 'config');
    writeFileSync(config, '[default]\nregion = us-east-1\n[default]\nregion = eu-west-1\n');
    // The CLI itself exits 255 on this file even for --version: the refusal belongs to the Credentials step.
    const direct = await new Promise<number | null>((resolve) =>
      execFile(AWS_CLI_V2, ['--version'], { env: { ...process.env, AWS_CONFIG_FILE: config } }, (err) => resolve(err ? ((err as { code?: number }).code ?? -1) : 0)),
    );
    assert.equal(direct, 255);
    const [i] = await probeAwsCli({ env: { PATH: dirname(AWS_CLI_V2), AWS_CONFIG_FILE: config, HOME: b }, cache: false });
    assert.match(i!.version ?? '', /^2\./);
    assert.deepEqual(judgeCliInstalls([i!], 'linux').map((p) => p.code).filter((c) => c === 'cli-broken'), []);
  } finally {
    rmSync(b, { recursive: true, force: true });
  }
});

test('same identity as the AWS CLI v2 (/usr/bin/aws sts get-caller-identity) for keys, session keys, credential_process and env keys', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  if (!needPeer(t, 'aws cli v2', awsCliV2Missing())) return;
  const carol = await moto!.createUser('carol-ref');
  const proc = join(dir, 'ref-proc.js');
  writeFileSync(proc, `process.stdout.write(JSON.stringify({Version:1,AccessKeyId:${JSON.stringify(carol.accessKeyId)},SecretAccessKey:${JSON.stringify(carol.secretAccessKey)}}))`);
  const h = homeWith(
    'reference',
    `[default]\nregion = us-east-1\n[profile proc]\nregion = us-east-1\ncredential_process = ${process.execPath} ${proc}\n[profile temp]\nregion = us-east-1\n`,
    `[default]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n[temp]\naws_access_key_id = ${sess.accessKeyId}\naws_secret_access_key = ${sess.secretAccessKey}\naws_session_token = ${sess.sessionToken}\n[wrong]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = wrong${bob.secretAccessKey.slice(5)}\n`,
  );
  const base = { HOME: h, PATH: '/usr/bin:/bin', AWS_ENDPOINT_URL_STS: moto!.endpoint, AWS_PAGER: '' };
  const cliArn = (env: NodeJS.ProcessEnv, profile?: string) =>
    new Promise<string>((resolve) => {
      const args = ['sts', 'get-caller-identity', '--endpoint-url', moto!.endpoint, '--region', 'us-east-1', '--output', 'json', ...(profile ? ['--profile', profile] : [])];
      execFile(AWS_CLI_V2, args, { env, timeout: 60_000 }, (_e, stdout, stderr) => {
        try {
          resolve((JSON.parse(stdout) as { Arn: string }).Arn);
        } catch {
          resolve(/\((\w+)\)/.exec(stderr)?.[1] ?? 'error');
        }
      });
    });
  const { runChecks } = await import('../../src/node/engine');
  const ours = await runChecks({ env: base, skipCliProbe: true });
  const arnOf = (n: string) => {
    const c = ours.profiles.find((p) => p.name === n)!;
    return c.identity?.arn ?? c.problems.find((p) => p.severity === 'error')?.code;
  };
  for (const p of ['default', 'temp', 'proc']) assert.equal(arnOf(p), await cliArn(base, p), `profile ${p}`);
  assert.equal(await cliArn(base, 'wrong'), 'SignatureDoesNotMatch');
  assert.equal(arnOf('wrong'), 'signature-mismatch');
  // Environment keys beat AWS_PROFILE for the CLI; our report says the CLI uses the environment, as that identity.
  const envKeys = { ...base, AWS_PROFILE: 'default', AWS_ACCESS_KEY_ID: carol.accessKeyId, AWS_SECRET_ACCESS_KEY: carol.secretAccessKey };
  const withEnv = await runChecks({ env: envKeys, skipCliProbe: true });
  assert.equal(withEnv.source!.cli, 'environment');
  assert.equal(withEnv.environment!.identity!.arn, await cliArn(envKeys));
  assert.equal(withEnv.environment!.identity!.arn, 'arn:aws:iam::123456789012:user/carol-ref');
});
