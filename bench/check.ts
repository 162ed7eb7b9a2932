// Benchmark: `aws-prereqs check --json` (the built dist/cli.js) on 50 profiles against moto (auth on) behind a
// proxy adding 100 ms to every request, side by side with the AWS CLI v2 doing the same work
// (`/usr/bin/aws sts get-caller-identity --profile P` for each profile). Prints both and the ratio.
// Run: npm run build && node --import tsx bench/check.ts [--profiles 50] [--latency 100] [--runs 3]
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto } from '../test/support/moto';
import { startFaultProxy } from '../test/support/faultProxy';
import { AWS_CLI_V2 } from '../test/support/peers';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PROFILES = arg('profiles', 50);
const LATENCY = arg('latency', 100);
const RUNS = Math.max(2, arg('runs', 3));
const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const c = execFile(cmd, args, { env, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (_e, stdout, stderr) =>
      resolve({ ms: performance.now() - t0, code: c.exitCode, stdout, stderr }),
    );
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

async function main(): Promise<void> {
  if (!existsSync(cli) || !existsSync(join(root, 'dist', 'sdk.js'))) throw new Error('dist/cli.js or dist/sdk.js missing: run npm run build first');
  const moto = await startMoto();
  const proxy = await startFaultProxy(moto.port, 'slow');
  await proxy.setMode('slow', { latencyMs: LATENCY });
  const home = mkdtempSync(join(tmpdir(), 'aws-prereqs-bench-'));
  try {
    mkdirSync(join(home, '.aws'));
    let creds = '';
    let config = '';
    for (let i = 1; i <= PROFILES; i++) {
      const name = `p${String(i).padStart(2, '0')}`;
      const u = await moto.createUser(`bench-${name}`);
      creds += `[${name}]\naws_access_key_id = ${u.accessKeyId}\naws_secret_access_key = ${u.secretAccessKey}\n`;
      config += `[profile ${name}]\nregion = us-east-1\n`;
    }
    writeFileSync(join(home, '.aws', 'credentials'), creds, { mode: 0o600 });
    writeFileSync(join(home, '.aws', 'config'), config);
    const env = { HOME: home, PATH: process.env.PATH, AWS_ENDPOINT_URL_STS: proxy.endpoint, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };

    // moto's own service time: the same 50 GetCallerIdentity calls, all at once, straight to moto (no proxy).
    // moto answers one request at a time (Python), so this is the floor no client can beat here.
    const users = creds.split('[').slice(1).map((sec) => ({
      accessKeyId: /aws_access_key_id = (\S+)/.exec(sec)![1]!,
      secretAccessKey: /aws_secret_access_key = (\S+)/.exec(sec)![1]!,
    }));
    const floors: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      await Promise.all(users.map((u) => moto.call('sts', 'GetCallerIdentity', {}, u)));
      floors.push(performance.now() - t0);
    }

    // Ours: the whole `check --json` (node start, files, CLI probe, SDK load, 50 identities). The first run
    // starts with an empty `aws --version` cache (cold); the others reuse it (warm), as a second check would.
    const ours: number[] = [];
    let cold = 0;
    let requests = 0;
    let rounds = 0;
    for (let r = 0; r < RUNS; r++) {
      const before = proxy.requests;
      const since = proxy.requestTimes.length;
      const res = await run(process.execPath, [cli, 'check', '--json'], env);
      requests = proxy.requests - before;
      // Rounds of requests: a new round starts when a request leaves after a gap of half the added latency
      // (a request that waited for an earlier answer).
      const times = proxy.requestTimes.slice(since).sort((a, b) => a - b);
      rounds = times.filter((t, i) => i === 0 || t - times[i - 1]! > LATENCY / 2).length;
      const report = JSON.parse(res.stdout) as { profiles: { identity: unknown }[] };
      const confirmed = report.profiles.filter((p) => p.identity).length;
      if (confirmed !== PROFILES) throw new Error(`only ${confirmed}/${PROFILES} identities confirmed: ${res.stderr.slice(0, 300)}`);
      if (r === 0) cold = res.ms;
      else ours.push(res.ms);
    }
    // The fixed part: same command offline (node start, files, `aws --version` probes), no network.
    const offline: number[] = [];
    for (let r = 0; r < RUNS; r++) offline.push((await run(process.execPath, [cli, 'check', '--json', '--offline'], env)).ms);

    // The AWS CLI v2 doing the same work, one profile after another (as a script would).
    let awsMs = 0;
    let awsOk = 0;
    for (let i = 1; i <= PROFILES; i++) {
      const name = `p${String(i).padStart(2, '0')}`;
      const res = await run(AWS_CLI_V2, ['sts', 'get-caller-identity', '--profile', name, '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--output', 'json'], env);
      awsMs += res.ms;
      if (res.code === 0) awsOk++;
    }

    const o = median(ours);
    const rt = LATENCY + 25;
    console.log(`\nBenchmark: ${PROFILES} profiles, moto (auth on) behind a proxy adding ${LATENCY} ms per request\n`);
    console.log('what                                                   wall time     note');
    const net = o - median(offline);
    const floor = median(floors);
    console.log(`aws-prereqs check --json (dist/cli.js), warm median    ${fmt(o).padStart(8)}     ${requests} STS requests, ${PROFILES}/${PROFILES} identities (best ${fmt(Math.min(...ours))})`);
    console.log(`aws-prereqs check --json, first run (cold CLI cache)  ${fmt(cold).padStart(8)}     includes running every aws --version`);
    console.log(`  of which fixed: same command --offline, median       ${fmt(median(offline)).padStart(8)}     node start, files, cached aws --version`);
    console.log(`  network part (difference)                            ${fmt(net).padStart(8)}`);
    console.log(`  moto's own time for the ${PROFILES} answers (no proxy)       ${fmt(floor).padStart(8)}     moto serves one request at a time`);
    console.log(`  network part beyond moto's time                      ${fmt(net - floor).padStart(8)}     SDK load, signing and 50 sockets on ${cpus().length} busy cores`);
    console.log(`  rounds of requests seen by the proxy (last run)      ${String(rounds).padStart(8)}     target ≤ 2 round trips (≈ ${2 * rt} ms of latency)`);
    console.log(`${AWS_CLI_V2} sts get-caller-identity × ${PROFILES}        ${fmt(awsMs).padStart(8)}     ${awsOk}/${PROFILES} succeeded, one after another`);
    console.log(`ratio (AWS CLI / aws-prereqs)                          ${(awsMs / o).toFixed(1).padStart(7)}×`);
    console.log(`per profile: aws-prereqs ${fmt(o / PROFILES)}, AWS CLI ${fmt(awsMs / PROFILES)}`);
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (timings stretch with load)`);
  } finally {
    rmSync(home, { recursive: true, force: true });
    await proxy.stop();
    await moto.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
