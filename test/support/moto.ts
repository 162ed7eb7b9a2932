// moto (the AWS service emulator) as a real STS/IAM peer for tests: started on a free loopback port in its own
// process group, with SigV4 authentication really enforced, and killed when the test ends or the process exits.
//
// How authentication is turned on yet seeding stays possible: moto starts with every action free, we create an
// `admin` user with a key and an inline "allow everything" policy, then POST /moto-api/reset-auth with 0 — from
// then on every request is signature-checked and authorised against moto's IAM. All later set-up
// (users, keys, roles) is signed with the admin's key, exactly like a real account administrator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './peers';
import { formBody, signQuery, type SigningKeys } from './sigv4';

/** A user created in moto, with its first access key. */
export interface MotoUser {
  userName: string;
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** A role created in moto. */
export interface MotoRole {
  roleName: string;
  arn: string;
}

/** Temporary (ASIA) credentials from AssumeRole. */
export interface MotoSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  arn: string;
}

/** A running moto server. */
export interface Moto {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  /** moto's fixed account. */
  accountId: string;
  region: string;
  /** True when SigV4 and IAM policies are enforced. */
  auth: boolean;
  /** The administrator's keys (used for all set-up after authentication was turned on). */
  admin: MotoUser;
  stop(): Promise<void>;
  /** Creates a user and a first access key; `assumableRoles` (ARNs) get an inline sts:AssumeRole policy. */
  createUser(name: string, opts?: { assumableRoles?: string[] }): Promise<MotoUser>;
  /** Creates another access key for a user. */
  createAccessKey(userName: string): Promise<{ accessKeyId: string; secretAccessKey: string }>;
  deleteAccessKey(userName: string, accessKeyId: string): Promise<void>;
  /** Marks a key Inactive (or Active again). */
  updateAccessKey(userName: string, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void>;
  /** Creates a role trusted by `trustedArns` ('*' = anyone); `assumableRoles` lets its sessions assume others (chains). */
  createRole(name: string, opts?: { trustedArns?: string[] | '*'; assumableRoles?: string[] }): Promise<MotoRole>;
  /** Calls STS AssumeRole with the given keys. */
  assumeRole(keys: SigningKeys, roleArn: string, opts?: { sessionName?: string; durationSeconds?: number }): Promise<MotoSession>;
  /** A raw signed query-protocol call; returns status and body. */
  call(service: 'iam' | 'sts', action: string, params?: Record<string, string>, keys?: SigningKeys): Promise<{ status: number; body: string }>;
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous kill on exit so a crashed test run leaves no moto behind.
  process.on('exit', () => {
    for (const c of running) killGroup(c);
  });
}

/** Why moto cannot be used here, or null. */
export function motoMissing(): string | null {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const r = spawnSync('python3', ['-c', 'import moto.server'], { timeout: 20_000, stdio: 'ignore' });
  return r.status === 0 ? null : 'python3 -m moto.server is not importable (pip install "moto[server]")';
}

function waitForPort(port: number, child: ChildProcess, stderr: () => string, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`moto exited early (${child.exitCode ?? child.signalCode}): ${stderr().slice(-500)}`));
        return;
      }
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`moto did not listen on ${port} within ${deadlineMs} ms: ${stderr().slice(-500)}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function tag(xml: string, name: string): string {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!m) throw new Error(`moto answer lacks <${name}>: ${xml.slice(0, 300)}`);
  return m[1]!;
}

/** Starts moto on a free port; `auth` (default true) enforces SigV4 and IAM policies after seeding the admin. */
export async function startMoto(opts: { auth?: boolean } = {}): Promise<Moto> {
  const auth = opts.auth ?? true;
  installExitHook();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
    });
    running.add(child);
    let err = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      err = (err + d).slice(-4000);
    });
    child.once('exit', () => running.delete(child));
    try {
      await waitForPort(port, child, () => err, 30_000);
      return await seed(child, port, auth);
    } catch (e) {
      lastError = e;
      killGroup(child);
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

async function seed(child: ChildProcess, port: number, auth: boolean): Promise<Moto> {
  const endpoint = `http://127.0.0.1:${port}`;
  const host = `127.0.0.1:${port}`;
  const dummy: SigningKeys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'seed-only-not-checked' };

  const call: Moto['call'] = async (service, action, params = {}, keys = dummy) => {
    const body = formBody({ Action: action, Version: service === 'iam' ? '2010-05-08' : '2011-06-15', ...params });
    const headers = signQuery(keys, { host, service, region: REGION, body });
    const res = await fetch(endpoint + '/', { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) });
    return { status: res.status, body: await res.text() };
  };
  let signer: SigningKeys = dummy;
  const ok = async (service: 'iam' | 'sts', action: string, params: Record<string, string> = {}, keys?: SigningKeys) => {
    const r = await call(service, action, params, keys ?? signer);
    if (r.status >= 300) throw new Error(`moto ${service}:${action} failed (${r.status}): ${r.body.slice(0, 400)}`);
    return r.body;
  };
  const policy = (actions: string, resources: string[] | '*') =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] });

  const createAccessKey = async (userName: string) => {
    const x = await ok('iam', 'CreateAccessKey', { UserName: userName });
    return { accessKeyId: tag(x, 'AccessKeyId'), secretAccessKey: tag(x, 'SecretAccessKey') };
  };
  const createUser: Moto['createUser'] = async (name, o = {}) => {
    const x = await ok('iam', 'CreateUser', { UserName: name });
    const key = await createAccessKey(name);
    if (o.assumableRoles?.length) {
      await ok('iam', 'PutUserPolicy', { UserName: name, PolicyName: 'assume', PolicyDocument: policy('sts:AssumeRole', o.assumableRoles) });
    }
    return { userName: name, arn: tag(x, 'Arn'), ...key };
  };

  // Seeding happens while every action is still free; then authentication is switched on.
  const admin = await createUser('admin');
  await ok('iam', 'PutUserPolicy', { UserName: 'admin', PolicyName: 'all', PolicyDocument: policy('*', '*') });
  signer = admin;
  if (auth) {
    const r = await fetch(`${endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0', signal: AbortSignal.timeout(15_000) });
    if (r.status !== 200) throw new Error(`moto reset-auth failed: ${r.status}`);
  }

  return {
    endpoint,
    port,
    accountId: ACCOUNT,
    region: REGION,
    auth,
    admin,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      killGroup(child);
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000).unref())]);
    },
    createUser,
    createAccessKey,
    deleteAccessKey: async (userName, accessKeyId) => {
      await ok('iam', 'DeleteAccessKey', { UserName: userName, AccessKeyId: accessKeyId });
    },
    updateAccessKey: async (userName, accessKeyId, status) => {
      await ok('iam', 'UpdateAccessKey', { UserName: userName, AccessKeyId: accessKeyId, Status: status });
    },
    createRole: async (name, o = {}) => {
      const trusted = o.trustedArns ?? '*';
      const trust = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: trusted }, Action: 'sts:AssumeRole' }],
      });
      const x = await ok('iam', 'CreateRole', { RoleName: name, AssumeRolePolicyDocument: trust });
      if (o.assumableRoles?.length) {
        await ok('iam', 'PutRolePolicy', { RoleName: name, PolicyName: 'assume', PolicyDocument: policy('sts:AssumeRole', o.assumableRoles) });
      }
      return { roleName: name, arn: tag(x, 'Arn') };
    },
    assumeRole: async (keys, roleArn, o = {}) => {
      const x = await ok(
        'sts',
        'AssumeRole',
        { RoleArn: roleArn, RoleSessionName: o.sessionName ?? 'test', DurationSeconds: String(o.durationSeconds ?? 900) },
        keys,
      );
      return {
        accessKeyId: tag(x, 'AccessKeyId'),
        secretAccessKey: tag(x, 'SecretAccessKey'),
        sessionToken: tag(x, 'SessionToken'),
        expiration: tag(x, 'Expiration'),
        arn: tag(x, 'Arn'),
      };
    },
    call,
  };
}
