// Network faults between us and a real moto (auth on): each ends as its named problem within the timeout, with
// no unhandled rejection. Also TLS: a self-signed HTTPS front refused, then trusted through AWS_CA_BUNDLE, reached
// through an HTTPS_PROXY (CONNECT) — real sockets all the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needPeer } from '../support/peers';
import { motoMissing, startMoto, type Moto, type MotoUser } from '../support/moto';
import { startFaultProxy, type FaultMode, type FaultProxy } from '../support/faultProxy';
import { runChecks } from '../../src/node/engine';
import { closeLoadedSdk } from '../../src/node/loadSdk';

let moto: Moto | null = null;
let proxy: FaultProxy;
let user: MotoUser;
let missing: string | null = null;
let dir: string;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

before(async () => {
  missing = motoMissing();
  if (missing) return;
  process.on('unhandledRejection', onUnhandled);
  moto = await startMoto();
  user = await moto.createUser('faulty');
  proxy = await startFaultProxy(moto.port);
  dir = mkdtempSync(join(tmpdir(), 'aws-prereqs-faults-'));
  mkdirSync(join(dir, '.aws'));
  writeFileSync(join(dir, '.aws', 'credentials'), `[default]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`, { mode: 0o600 });
});

after(async () => {
  process.off('unhandledRejection', onUnhandled);
  closeLoadedSdk();
  await proxy?.stop();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const TIMEOUT = 1500;
const cases: [FaultMode, string | null][] = [
  ['pass', null],
  ['slow', null],
  ['hang', 'timeout'],
  ['refuse', 'unreachable'],
  ['reset', 'unreachable'],
  ['http500', 'service-error'],
  ['malformed', 'service-error'],
  ['throttle', 'throttled'],
  ['expired', 'expired-token'],
  ['skew', 'clock-skew'],
];

for (const [mode, expected] of cases) {
  test(`fault ${mode} → ${expected ?? 'identity confirmed'} within the timeout`, async (t) => {
    if (!needPeer(t, 'moto', missing)) return;
    await proxy.setMode(mode, { latencyMs: 100, skewSeconds: 2 * 3600 });
    const env = { HOME: dir, PATH: process.env.PATH, AWS_ENDPOINT_URL_STS: proxy.endpoint, AWS_DEFAULT_REGION: 'us-east-1' };
    const t0 = Date.now();
    const r = await runChecks({ env, timeoutMs: TIMEOUT, skipCliProbe: true });
    const took = Date.now() - t0;
    const c = r.profiles[0]!;
    const got = c.problems.map((p) => p.code).filter((x) => x !== 'long-term-key');
    if (expected === null) {
      assert.equal(c.identity?.arn, 'arn:aws:iam::123456789012:user/faulty');
      assert.deepEqual(got, []);
    } else {
      assert.deepEqual(got, [expected]);
      // Throttling is a warning (try again later); every other fault is an error.
      assert.equal(c.status, expected === 'throttled' ? 'warn' : 'error');
      assert.ok(c.problems.every((p) => !p.message.includes(user.secretAccessKey)));
    }
    if (mode === 'skew') assert.match(c.problems.find((p) => p.code === 'clock-skew')!.message, /2 h/);
    assert.ok(took < TIMEOUT + 1500, `${mode} took ${took} ms`);
    assert.deepEqual(unhandled, []);
  });
}

test('cancelling a check in flight (AWS not answering) ends it at once as check-skipped', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  await proxy.setMode('hang');
  const env = { HOME: dir, PATH: process.env.PATH, AWS_ENDPOINT_URL_STS: proxy.endpoint, AWS_DEFAULT_REGION: 'us-east-1' };
  const ac = new AbortController();
  const t0 = Date.now();
  setTimeout(() => ac.abort(), 300);
  const r = await runChecks({ env, timeoutMs: 10_000, skipCliProbe: true, signal: ac.signal });
  const took = Date.now() - t0;
  assert.ok(took < 2000, `cancel took ${took} ms`);
  const c = r.profiles[0]!;
  assert.equal(c.status, 'unchecked');
  assert.deepEqual(c.problems.map((p) => p.code).filter((x) => x !== 'long-term-key'), ['check-skipped']);
  await proxy.setMode('pass');
  assert.deepEqual(unhandled, []);
});

function selfSigned(): { key: string; cert: string; certFile: string } | null {
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore', timeout: 20_000 });
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
  } catch {
    return null;
  }
}

test('TLS: a self-signed endpoint is tls-error; AWS_CA_BUNDLE trusts it; HTTPS_PROXY tunnels to it; NO_PROXY bypasses', async (t) => {
  if (!needPeer(t, 'moto', missing)) return;
  const pki = selfSigned();
  if (!needPeer(t, 'openssl', pki ? null : 'openssl could not make a certificate')) return;
  await proxy.setMode('pass');
  // An HTTPS front that terminates TLS and forwards the bytes to moto.
  const tlsFront: Server = createTlsServer({ key: pki!.key, cert: pki!.cert }, (s) => {
    const up = connect({ host: '127.0.0.1', port: moto!.port });
    s.pipe(up).pipe(s);
    up.on('error', () => s.destroy());
    s.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => tlsFront.listen(0, '127.0.0.1', () => r()));
  const tlsPort = (tlsFront.address() as { port: number }).port;
  // A CONNECT proxy that counts tunnels.
  let tunnels = 0;
  const corpProxy: HttpServer = createHttpServer((_req, res) => res.writeHead(405).end());
  corpProxy.on('connect', (req, sock) => {
    tunnels++;
    const [host, port] = (req.url ?? '').split(':');
    const up = connect({ host: host!, port: Number(port) }, () => sock.write('HTTP/1.1 200 Connection Established\r\n\r\n'));
    sock.pipe(up).pipe(sock);
    up.on('error', () => sock.destroy());
    sock.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => corpProxy.listen(0, '127.0.0.1', () => r()));
  t.after(() => {
    tlsFront.close();
    corpProxy.close();
  });
  const base = { HOME: dir, PATH: process.env.PATH, AWS_ENDPOINT_URL_STS: `https://127.0.0.1:${tlsPort}`, AWS_DEFAULT_REGION: 'us-east-1' };
  const codesOf = async (env: NodeJS.ProcessEnv) => {
    closeLoadedSdk(); // fresh connections per case
    const r = await runChecks({ env, timeoutMs: 3000, skipCliProbe: true });
    return { c: r.profiles[0]!, codes: r.profiles[0]!.problems.map((p) => p.code).filter((x) => x !== 'long-term-key') };
  };
  assert.deepEqual((await codesOf(base)).codes, ['tls-error']);
  const trusted = await codesOf({ ...base, AWS_CA_BUNDLE: pki!.certFile });
  assert.deepEqual(trusted.codes, []);
  assert.equal(trusted.c.identity!.arn, 'arn:aws:iam::123456789012:user/faulty');
  const proxyUrl = `http://127.0.0.1:${(corpProxy.address() as { port: number }).port}`;
  const viaProxy = await codesOf({ ...base, AWS_CA_BUNDLE: pki!.certFile, HTTPS_PROXY: proxyUrl });
  assert.deepEqual(viaProxy.codes, []);
  assert.ok(tunnels >= 1, 'the request went through the proxy');
  const before = tunnels;
  const bypass = await codesOf({ ...base, AWS_CA_BUNDLE: pki!.certFile, HTTPS_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' });
  assert.deepEqual(bypass.codes, []);
  assert.equal(tunnels, before, 'NO_PROXY skipped the proxy');
  closeLoadedSdk();
  assert.deepEqual(unhandled, []);
});
