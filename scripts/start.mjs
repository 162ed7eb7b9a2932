#!/usr/bin/env node
// `npm start`: the extension as a newcomer first meets it. Builds and packages the extension, installs it into an
// isolated code-server (a real VS Code) on 127.0.0.1, and opens a demo home where every state shows at once:
// a healthy default profile, a wrong secret, an SSO profile with an expired token, a role chain and a duplicate
// section the AWS CLI v2 refuses — backed by real IAM users in moto. Ctrl-C stops everything it started.
//   npm start [-- --home PATH] [--port N] [--minutes N]
//   --home PATH   use a real home (its ~/.aws files and your AWS_* environment) instead of the demo home; no moto
//   --port N      serve on 127.0.0.1:N (default: a free port)
//   --minutes N   stop by itself after N minutes (default: run until Ctrl-C)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// A fresh clone: install the project's dependencies first (as `npm test` does).
const root = join(import.meta.dirname, '..');
const marker = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs) {
  console.log('start: installing dependencies (npm ci)…');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
// Loaded after npm ci: tsx comes from node_modules.
const { loadTs } = await import('./loadTs.mjs');
const { startCodeServer, codeServerMissing, packageExtension, SCRATCH } = await loadTs('../test/support/codeServer.ts');
const { startMoto, motoMissing } = await loadTs('../test/support/moto.ts');
const { seedAwsHome } = await loadTs('../test/support/awsHome.ts');

const argv = process.argv.slice(2);
const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const realHome = opt('--home') ? resolve(opt('--home')) : undefined;
const port = opt('--port') ? Number(opt('--port')) : undefined;
const minutes = Number(opt('--minutes') ?? 0);
const t0 = Date.now();
const say = (m) => console.log(`start: ${m}`);

if (codeServerMissing()) {
  say('installing the tools first (node 24, code-server)…');
  const r = spawnSync(process.execPath, [join(import.meta.dirname, 'tools.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

const stops = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const s of stops.reverse()) await s().catch((e) => console.error(`start: ${e.message}`));
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
process.on('SIGHUP', () => stopAll(0));
// Ctrl-C on `npm start` may reach only npm and its shell: when our parent goes away, stop too.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stopAll(0), 1000).unref();

try {
  say('building and packaging the extension…');
  const vsix = packageExtension();
  let home, env, folder, story;
  if (realHome) {
    home = realHome;
    folder = join(SCRATCH, 'demo', 'workspace');
    mkdirSync(folder, { recursive: true });
    // The real home's own AWS settings apply (code-server is otherwise isolated from this shell's env).
    env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_')));
    story = `your home ${home} (its ~/.aws files, real AWS endpoints)`;
  } else {
    const missing = motoMissing();
    if (missing) throw new Error(`the demo needs moto: ${missing}`);
    const demo = join(SCRATCH, 'demo');
    rmSync(demo, { recursive: true, force: true });
    folder = join(demo, 'workspace');
    mkdirSync(folder, { recursive: true });
    const moto = await startMoto({ auth: true });
    stops.push(() => moto.stop());
    const seeded = await seedAwsHome(moto, join(demo, 'home'), { cliRefusedDuplicate: true });
    home = seeded.home;
    env = seeded.env;
    const p = seeded.profiles;
    // README.md of the opened folder is shown at start-up (workbench.startupEditor = readme).
    writeFileSync(
      join(folder, 'README.md'),
      [
        '# AWS Prereqs demo home',
        '',
        'Open **AWS Prereqs** (the shield in the activity bar) to see every state at once.',
        '',
        `HOME is ${home}; AWS calls go to a local moto server (${moto.endpoint}) holding real IAM users.`,
        '',
        `- \`${p.healthy}\`: alice's key — verifies.`,
        `- \`${p.wrongSecret}\`: bob's key with a wrong secret — AWS answers SignatureDoesNotMatch.`,
        `- \`${p.ssoExpired}\`: IAM Identity Center profile whose cached token has expired — sign in again.`,
        `- \`${p.roleChain}\`: role chain (role_arn + source_profile = ${p.healthy}).`,
        `- \`${p.duplicate}\`: a section written twice in ~/.aws/config — the AWS CLI v2 refuses the whole file.`,
        '',
      ].join('\n'),
    );
    story = `demo home ${home} with moto ${moto.endpoint}`;
  }
  const cs = await startCodeServer({
    name: 'demo-cs',
    vsix,
    home,
    folder,
    env,
    port,
    lifetimeMs: minutes * 60_000,
    settings: { 'workbench.startupEditor': 'readme' },
  });
  stops.push(() => cs.stop());
  say(`serving ${story}`);
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s — open ${cs.url}  (Ctrl-C stops everything)`);
  if (minutes > 0) setTimeout(() => stopAll(0), minutes * 60_000);
} catch (e) {
  console.error(`start: ${e instanceof Error ? e.message : e}`);
  await stopAll(1);
}
