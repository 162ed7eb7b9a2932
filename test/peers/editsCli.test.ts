// Our edits read back by the real AWS CLI v2 (/usr/bin/aws configure get), and compared with what
// `aws configure set` itself writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { setSectionKeys, type SectionTarget } from '../../src/core/awsFileEdits';
import { readAsCli } from '../../src/core/iniCli';
import { applySettings } from '../../src/node/awsFileWriter';
import { arbEditCase, type EditCase } from '../support/awsFileArbitraries';
import { AWS_CLI_V2, awsCliV2Missing, needPeer } from '../support/peers';

function tempHome(t: { after: (fn: () => void) => void }): string {
  const d = mkdtempSync(join(tmpdir(), 'aws-prereqs-edits-cli-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Runs /usr/bin/aws with only our files; resolves with exit code and output. */
function aws(home: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      AWS_CLI_V2,
      args,
      {
        timeout: 30_000,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          LC_ALL: 'C.UTF-8',
          PYTHONIOENCODING: 'utf-8',
          AWS_PAGER: '',
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);

test('a sample of generated edits reads back with the real AWS CLI (configure get)', { timeout: 240_000 }, async (t) => {
  if (!needPeer(t, 'aws-cli-v2', awsCliV2Missing())) return;
  // Files the CLI accepts, edits that set a non-empty value: the property test's generator, seeded.
  const accepted = (c: EditCase) =>
    readAsCli(c.target.file === 'config' ? { path: 'c', text: c.text } : { path: 'c', text: null }, c.target.file === 'credentials' ? { path: 'k', text: c.text } : { path: 'k', text: null }).problems.every((p) => !p.blocksCli);
  const sample = fc
    .sample(arbEditCase({ cliClean: true }), { numRuns: 400, seed: 20261123 })
    .filter((c) => accepted(c) && Object.values(c.changes).some((v) => v !== null && v !== ''))
    .slice(0, 30);
  assert.equal(sample.length, 30);
  const failures: string[] = [];
  let checked = 0;
  let existing = 0;
  let i = 0;
  const worker = async () => {
    while (i < sample.length) {
      const c = sample[i++]!;
      const home = tempHome(t);
      let after: string;
      try {
        after = setSectionKeys(c.text, c.target, c.changes);
      } catch {
        continue; // refusals are covered by the unit tests
      }
      writeFileSync(join(home, c.target.file), after);
      checked++;
      if (c.target.file === 'credentials' ? c.text.includes(`[${c.target.name}]`) : readAsCli({ path: 'c', text: c.text }, { path: 'k', text: null }).profiles[c.target.name]) existing++;
      const [key, value] = Object.entries(c.changes).find(([, v]) => v !== null && v !== '')!;
      const r = await aws(home, ['configure', 'get', key, '--profile', c.target.name]);
      if (r.code !== 0 || r.out !== `${value}\n`) failures.push(`${JSON.stringify(c)} → exit ${r.code}, got ${JSON.stringify(r.out)} ${r.err.trim()}`);
      // A removed key is gone for the CLI too.
      const removed = Object.entries(c.changes).find(([, v]) => v === null);
      if (removed) {
        const g = await aws(home, ['configure', 'get', removed[0], '--profile', c.target.name]);
        if (g.code === 0 && g.out !== '\n') failures.push(`${JSON.stringify(c)} → ${removed[0]} still reads ${JSON.stringify(g.out)}`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  assert.deepEqual(failures, []);
  assert.ok(checked >= 25, `only ${checked} edits were checked`);
  assert.ok(existing >= 10, `only ${existing} edits changed an existing section`);
  if (process.env.EDITS_STATS) console.log(JSON.stringify({ checked, existing }));
});

test('we write what `aws configure set` writes, on the cases where it is well defined', { timeout: 240_000 }, async (t) => {
  if (!needPeer(t, 'aws-cli-v2', awsCliV2Missing())) return;
  const cases: { name: string; file: 'config' | 'credentials'; start: string | null; args: string[]; target: SectionTarget; key: string; value: string }[] = [
    { name: 'new config file', file: 'config', start: null, args: ['region', 'eu-west-1', '--profile', 'dev'], target: { file: 'config', kind: 'profile', name: 'dev' }, key: 'region', value: 'eu-west-1' },
    { name: 'new credentials file', file: 'credentials', start: null, args: ['aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE', '--profile', 'dev'], target: { file: 'credentials', kind: 'profile', name: 'dev' }, key: 'aws_access_key_id', value: 'AKIAIOSFODNN7EXAMPLE' },
    { name: 'default profile', file: 'config', start: null, args: ['output', 'json'], target: { file: 'config', kind: 'profile', name: 'default' }, key: 'output', value: 'json' },
    { name: 'name with a space', file: 'config', start: null, args: ['region', 'x', '--profile', 'a b'], target: { file: 'config', kind: 'profile', name: 'a b' }, key: 'region', value: 'x' },
    { name: 'update in place', file: 'config', start: '[profile dev]\nregion = a\noutput = json\n\n[profile prod]\nregion = b\n', args: ['region', 'c', '--profile', 'dev'], target: { file: 'config', kind: 'profile', name: 'dev' }, key: 'region', value: 'c' },
    { name: 'append before the next section', file: 'config', start: '[profile dev]\nregion = a\noutput = json\n\n[profile prod]\nregion = b\n', args: ['cli_pager', 'less', '--profile', 'dev'], target: { file: 'config', kind: 'profile', name: 'dev' }, key: 'cli_pager', value: 'less' },
    { name: 'new sub-setting', file: 'config', start: '[profile dev]\nregion = a\n', args: ['s3.max_concurrent_requests', '20', '--profile', 'dev'], target: { file: 'config', kind: 'profile', name: 'dev' }, key: 's3.max_concurrent_requests', value: '20' },
    { name: 'second sub-setting', file: 'config', start: '[profile dev]\ns3 =\n    max_concurrent_requests = 20\nregion = a\n', args: ['s3.addressing_style', 'path', '--profile', 'dev'], target: { file: 'config', kind: 'profile', name: 'dev' }, key: 's3.addressing_style', value: 'path' },
    { name: 'update a sub-setting', file: 'config', start: '[profile dev]\ns3 =\n    max_concurrent_requests = 20\n', args: ['s3.max_concurrent_requests', '40', '--profile', 'dev'], target: { file: 'config', kind: 'profile', name: 'dev' }, key: 's3.max_concurrent_requests', value: '40' },
  ];
  for (const c of cases) {
    const home = tempHome(t);
    const path = join(home, c.file);
    if (c.start !== null) writeFileSync(path, c.start);
    const r = await aws(home, ['configure', 'set', ...c.args]);
    assert.equal(r.code, 0, `${c.name}: ${r.err}`);
    const theirs = read(path);
    const ours = setSectionKeys(c.start ?? '', c.target, { [c.key]: c.value });
    assert.equal(ours, theirs, c.name);
  }
  // A new section in a non-empty file: the CLI appends it directly; we add one blank line before it.
  const home = tempHome(t);
  const start = '[profile dev]\nregion = a\n';
  writeFileSync(join(home, 'config'), start);
  await aws(home, ['configure', 'set', 'region', 'b', '--profile', 'prod']);
  const ours = setSectionKeys(start, { file: 'config', kind: 'profile', name: 'prod' }, { region: 'b' });
  assert.equal(ours.replace('\n\n[', '\n['), read(join(home, 'config')));
  writeFileSync(join(home, 'config'), ours);
  assert.equal((await aws(home, ['configure', 'get', 'region', '--profile', 'prod'])).out, 'b\n');
});

test('applySettings over both files reads back with the AWS CLI, where the credentials file wins', { timeout: 120_000 }, async (t) => {
  if (!needPeer(t, 'aws-cli-v2', awsCliV2Missing())) return;
  const home = tempHome(t);
  const env = { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
  writeFileSync(env.AWS_CONFIG_FILE, '[profile dev]\nregion = a\noutput = json\n');
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, '[dev]\nregion = b\naws_access_key_id = AKIAOLD\naws_session_token = OLD\n');
  await applySettings(env, { profile: 'dev' }, { region: 'c', aws_access_key_id: 'AKIANEW', aws_session_token: null, output: null }, 'linux');
  const get = async (key: string) => (await aws(home, ['configure', 'get', key, '--profile', 'dev'])).out;
  assert.equal(await get('region'), 'c\n');
  assert.equal(await get('aws_access_key_id'), 'AKIANEW\n');
  assert.equal(await get('aws_session_token'), '');
  assert.equal(await get('output'), '');
});
