// Partial refresh: merging one profile's new check and re-judging gives what a full run gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks } from '../../src/node/engine';
import { analyzeFiles } from '../../src/core/analyzeFiles';
import { mergeProfileChecks, rejudgeReport } from '../../src/core/reportMerge';
import type { AwsFiles, CliInstall } from '../../src/core/model';

const CONFIG = `[default]
region = us-east-1 # prod

[profile dev]
region = eu-west-1

[profile dup]
region = a
region = b
`;
const CREDS = `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;

function files(): AwsFiles {
  const config = { path: '/nowhere/.aws/config', text: CONFIG };
  const credentials = { path: '/nowhere/.aws/credentials', text: CREDS };
  return {
    configFile: config.path,
    credentialsFile: credentials.path,
    config,
    credentials,
    analysis: analyzeFiles(config, credentials),
    activeProfile: { name: 'default', from: 'default' },
  };
}
const installs: CliInstall[] = [{ path: '/usr/bin/aws', version: '1.45.11', major: 1, raw: 'aws-cli/1.45.11' }];

test('re-judging an unchanged report reproduces the engine steps (offline run)', async () => {
  const f = files();
  const r = await runChecks({ files: f, offline: true, cliInstalls: installs, env: { HOME: '/nowhere' } });
  assert.ok(r.problems.length > 0, 'the fixture has file and CLI problems');
  assert.deepEqual(rejudgeReport(r, f.analysis.problems.length, process.platform, true).steps, r.steps);
});

test('merging a verified profile turns the account step green', async () => {
  const f = files();
  const r = await runChecks({ files: f, offline: true, cliInstalls: installs, env: { HOME: '/nowhere' } });
  const ok = { ...r.profiles.find((p) => p.name === 'default')!, status: 'ok' as const, problems: [], identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', userId: 'AIDA' } };
  const merged = rejudgeReport(mergeProfileChecks(r, [ok]), f.analysis.problems.length, process.platform);
  assert.equal(merged.steps.find((s) => s.id === 'account')!.status, 'pass');
  assert.equal(merged.profiles.find((p) => p.name === 'default'), ok);
  assert.deepEqual(merged.profiles.map((p) => p.name), r.profiles.map((p) => p.name));
});
