// botocore's own configloader fixtures (botocore/cfg, expectations restated in cfg-expectations.json) against our
// AWS CLI reading. Partial expectations: only the listed profiles and keys are asserted, as upstream does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles } from '../../src/core/analyzeFiles';
import type { FilesView, Section } from '../../src/core/model';
import { readFileInput } from '../../src/node/readAwsFiles';

interface Case {
  name: string;
  files: string[];
  expect: {
    error?: boolean;
    profileNames?: string[];
    profiles?: Record<string, Record<string, unknown>>;
    sso_sessions?: Record<string, Record<string, unknown>>;
    services?: Record<string, Record<string, unknown>>;
  };
}

const dir = join(__dirname, '..', 'fixtures', 'conformance', 'botocore');
const suite = JSON.parse(readFileSync(join(dir, 'cfg-expectations.json'), 'utf8')) as { cases: Case[] };

function subset(actual: Record<string, Section>, expected: Record<string, Record<string, unknown>>, what: string) {
  for (const [name, settings] of Object.entries(expected)) {
    assert.ok(actual[name], `${what} ${name} missing`);
    for (const [k, v] of Object.entries(settings)) assert.deepEqual(JSON.parse(JSON.stringify(actual[name]!.settings[k] ?? null)), v, `${what} ${name}.${k}`);
  }
}

test('the suite has 9 cases', () => assert.equal(suite.cases.length, 9));

for (const c of suite.cases) {
  test(c.name, async () => {
    const absent = { path: join(dir, 'no-credentials'), text: null };
    const views: FilesView[] = [];
    let refused = false;
    for (const f of c.files) {
      const a = analyzeFiles(await readFileInput(join(dir, f)), absent);
      refused ||= a.problems.some((p) => p.blocksCli);
      views.push(a.cli);
    }
    if (c.expect.error) {
      assert.ok(refused, 'expected the AWS CLI to refuse the file');
      return;
    }
    assert.equal(refused, false, 'the AWS CLI reads this file');
    // botocore's multi_file_load_config (test-side): the first file that defines a profile supplies all of it.
    const merged: Record<string, Section> = {};
    for (const v of views) for (const [n, p] of Object.entries(v.profiles)) merged[n] ??= p;
    if (c.expect.profileNames) assert.deepEqual(Object.keys(merged), c.expect.profileNames);
    if (c.expect.profiles) subset(merged, c.expect.profiles, 'profile');
    if (c.expect.sso_sessions) subset(views[0]!.ssoSessions, c.expect.sso_sessions, 'sso-session');
    if (c.expect.services) subset(views[0]!.services, c.expect.services, 'services');
  });
}
