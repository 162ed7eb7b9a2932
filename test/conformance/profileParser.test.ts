// The cross-SDK parser suite (smithy-rs/profile-parser-tests.json, 65 cases) against our SDK reading.
// An error case passes when the reading reports at least one error-severity parse problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAsSdk } from '../../src/core/iniSdk';
import type { FilesView } from '../../src/core/model';

interface Case {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output: { config: { profiles: Record<string, Record<string, string>>; sso_sessions?: Record<string, Record<string, string>> } } | { errorContaining: string };
}

const suite = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'conformance', 'smithy-rs', 'profile-parser-tests.json'), 'utf8')) as { tests: Case[] };

// Our records have no prototype (user names are never Object members); compare them as plain JSON.
const plain = (sections: FilesView['profiles']): Record<string, Record<string, string>> =>
  JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(sections).map(([n, s]) => [n, s.settings]))));

test('the suite has 65 cases', () => assert.equal(suite.tests.length, 65));

suite.tests.forEach((c, i) => {
  test(`#${i + 1} ${c.name}`, () => {
    const view = readAsSdk({ path: '/cfg', text: c.input.configFile ?? '' }, { path: '/cred', text: c.input.credentialsFile ?? '' });
    const errors = view.problems.filter((p) => p.severity === 'error');
    if ('errorContaining' in c.output) {
      assert.ok(errors.length > 0, `expected a parse error (${c.output.errorContaining})`);
      return;
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(plain(view.profiles), c.output.config.profiles);
    assert.deepEqual(plain(view.ssoSessions), c.output.config.sso_sessions ?? {});
  });
});
