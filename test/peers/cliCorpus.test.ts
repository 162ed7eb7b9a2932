// Our AWS CLI reading against the real AWS CLI v2 (Debian awscli 2.9.19) on every file of test/fixtures/corpus:
// the CLI must refuse exactly the files we say it refuses, list exactly our profiles in our order, and
// `aws configure get` must print every value we read (sub-settings through their dotted names).
// The hundreds of calls run through test/support/awsCliBatch.py (the awscli package /usr/bin/aws runs, one
// Python process); a sample also runs through /usr/bin/aws itself to prove both print the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsCliV2Missing, needPeer } from '../support/peers';
import { runAwsBatch, runAwsBinary, type AwsCall, type AwsResult } from '../support/awsCliBatch';
import { analyzeFiles } from '../../src/core/analyzeFiles';
import type { FilesAnalysis } from '../../src/core/model';
import { readFileInput } from '../../src/node/readAwsFiles';

const corpus = join(__dirname, '..', 'fixtures', 'corpus');
const cases = readdirSync(corpus).filter((n) => statSync(join(corpus, n)).isDirectory()).sort();

interface Query {
  call: AwsCall;
  /** Expected stdout, or null for the profile list (checked against the analysis). */
  expect: string | null;
  what: string;
}

interface Prepared {
  name: string;
  configFile: string;
  credentialsFile: string;
  analysis: FilesAnalysis;
  list: AwsCall;
  gets: Query[];
}

async function prepare(name: string, home: string): Promise<Prepared> {
  const dir = join(corpus, name);
  const configFile = existsSync(join(dir, 'config')) ? join(dir, 'config') : join(dir, 'absent-config');
  const credentialsFile = existsSync(join(dir, 'credentials')) ? join(dir, 'credentials') : join(dir, 'absent-credentials');
  const env = { HOME: home, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_PAGER: '' };
  const analysis = analyzeFiles(await readFileInput(configFile), await readFileInput(credentialsFile));
  const gets: Query[] = [];
  for (const [profile, p] of Object.entries(analysis.cli.profiles)) {
    if (profile === '') continue; // `--profile ""` selects no profile; the list covers it.
    for (const [key, value] of Object.entries(p.settings)) {
      if (key.includes('.') || key === '') continue; // a dotted name means a sub-setting to `configure get`
      if (typeof value === 'string') {
        gets.push({ call: { env, args: ['configure', 'get', key, '--profile', profile] }, expect: value + '\n', what: `${profile} ${key}` });
      } else {
        for (const [sub, subValue] of Object.entries(value)) {
          if (sub.includes('.') || sub === '') continue;
          gets.push({ call: { env, args: ['configure', 'get', `${key}.${sub}`, '--profile', profile] }, expect: subValue + '\n', what: `${profile} ${key}.${sub}` });
        }
      }
    }
  }
  return { name, configFile, credentialsFile, analysis, list: { env, args: ['configure', 'list-profiles'] }, gets };
}

function checkList(c: Prepared, list: AwsResult): boolean {
  const refusedFiles = [c.configFile, c.credentialsFile].filter((f) => c.analysis.problems.some((p) => p.blocksCli && p.file === f));
  if (list.code !== 0) {
    // The CLI reads the config file first, so it names the config file when both are bad.
    const m = /Unable to parse config file: (.*)/.exec(list.stderr);
    assert.ok(m, `aws failed without a parse error: ${list.stderr}`);
    assert.deepEqual(refusedFiles.slice(0, 1), [m[1]!.trim()], 'the AWS CLI refuses a file we did not flag (or another one)');
    return false;
  }
  assert.deepEqual(refusedFiles, [], 'we say the AWS CLI refuses a file it reads');
  assert.deepEqual(list.stdout.split('\n').slice(0, -1), Object.keys(c.analysis.cli.profiles), 'profile list');
  return true;
}

test('the corpus has at least 40 cases', () => assert.ok(cases.length >= 40, `only ${cases.length} corpus cases`));

test('the AWS CLI v2 reads every corpus file as our CLI reading does', { timeout: 170_000 }, async (t) => {
  if (!needPeer(t, 'AWS CLI v2', awsCliV2Missing())) return;
  const home = mkdtempSync(join(tmpdir(), 'aws-prereqs-corpus-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const prepared = await Promise.all(cases.map((n) => prepare(n, home)));
  const calls = prepared.flatMap((c) => [c.list, ...c.gets.map((g) => g.call)]);
  const results = await runAwsBatch(calls);
  let i = 0;
  let checked = 0;
  for (const c of prepared) {
    const list = results[i++]!;
    const gets = c.gets.map(() => results[i++]!);
    await t.test(c.name, () => {
      if (!checkList(c, list)) return;
      c.gets.forEach((g, k) => {
        assert.equal(gets[k]!.code, 0, `aws ${g.call.args.join(' ')}: ${gets[k]!.stderr}`);
        assert.equal(gets[k]!.stdout, g.expect, g.what);
        checked++;
      });
    });
  }
  t.diagnostic(`${prepared.length} files, ${calls.length} AWS CLI commands, ${checked} values compared`);
});

// The batch runner is only trustworthy if it prints what the binary prints: compare on a sample.
const SAMPLE = ['basic', 'bom-config', 'crlf', 'duplicate-section', 'inline-comments', 'quoted-names', 'subproperties', 'defaults-section'];

test('/usr/bin/aws itself agrees with the batch runner on a sample', { timeout: 170_000 }, async (t) => {
  if (!needPeer(t, 'AWS CLI v2', awsCliV2Missing())) return;
  const home = mkdtempSync(join(tmpdir(), 'aws-prereqs-corpus-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const prepared = await Promise.all(SAMPLE.map((n) => prepare(n, home)));
  const calls = prepared.flatMap((c) => [c.list, ...c.gets.slice(0, 1).map((g) => g.call)]);
  const batch = await runAwsBatch(calls);
  const binary: AwsResult[] = [];
  // Two at a time: the machine is shared and each call starts Python.
  for (let k = 0; k < calls.length; k += 2) binary.push(...(await Promise.all(calls.slice(k, k + 2).map((c) => runAwsBinary(c)))));
  calls.forEach((c, k) => {
    assert.equal(binary[k]!.code, batch[k]!.code, `exit code of aws ${c.args.join(' ')}`);
    assert.equal(binary[k]!.stdout, batch[k]!.stdout, `stdout of aws ${c.args.join(' ')}`);
    assert.equal(binary[k]!.stderr.trim(), batch[k]!.stderr.trim(), `stderr of aws ${c.args.join(' ')}`);
  });
  // And the sample's lists agree with our reading.
  prepared.forEach((c, k) => checkList(c, binary[calls.indexOf(c.list)] ?? batch[k]!));
});
