// smithy-rs/file-location-tests.json (9 cases) against locateFiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activeProfile, locateFiles } from '../../src/core/locate';

interface Case {
  name: string;
  environment: Record<string, string>;
  platform: 'linux' | 'windows';
  profile?: string;
  configLocation: string;
  credentialsLocation: string;
}

const suite = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'conformance', 'smithy-rs', 'file-location-tests.json'), 'utf8')) as { tests: Case[] };

test('the suite has 9 cases', () => assert.equal(suite.tests.length, 9));

suite.tests.forEach((c, i) => {
  test(`#${i + 1} ${c.name}`, () => {
    const r = locateFiles(c.environment, c.platform === 'windows' ? 'win32' : 'linux');
    assert.equal(r.configFile, c.configLocation);
    assert.equal(r.credentialsFile, c.credentialsLocation);
    if (c.profile !== undefined) assert.equal(r.profile.name, c.profile);
  });
});

test('AWS_DEFAULT_PROFILE is read by the CLI, after AWS_PROFILE; empty values count as unset', () => {
  assert.deepEqual(activeProfile({ AWS_DEFAULT_PROFILE: 'old' }), { name: 'old', from: 'AWS_DEFAULT_PROFILE' });
  assert.deepEqual(activeProfile({ AWS_PROFILE: 'new', AWS_DEFAULT_PROFILE: 'old' }), { name: 'new', from: 'AWS_PROFILE' });
  assert.deepEqual(activeProfile({ AWS_PROFILE: '' }), { name: 'default', from: 'default' });
});

test('~ and $VAR in AWS_CONFIG_FILE are expanded like botocore (expandvars, then expanduser)', () => {
  const r = locateFiles({ HOME: '/h', AWS_CONFIG_FILE: '~/x/config', AWS_SHARED_CREDENTIALS_FILE: '$XDG/creds', XDG: '/xdg' }, 'linux');
  assert.equal(r.configFile, '/h/x/config');
  assert.equal(r.credentialsFile, '/xdg/creds');
  assert.equal(locateFiles({ AWS_CONFIG_FILE: '$NOPE/c', HOME: '/h' }, 'linux').configFile, '$NOPE/c');
  assert.equal(locateFiles({}, 'linux', '/fallback').configFile, '/fallback/.aws/config');
  assert.equal(locateFiles({ HOME: '/h/' }, 'darwin').credentialsFile, '/h/.aws/credentials');
});
