// Live refresh re-checks only what an edit touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAsCli } from '../../src/core/iniCli';
import { changedProfiles, profilesUsingCaches } from '../../src/core/profileChanges';

const view = (config: string, credentials = '') =>
  readAsCli({ path: '/h/.aws/config', text: config }, { path: '/h/.aws/credentials', text: credentials });

const BASE = `[default]
region = us-east-1

[profile base]
region = eu-west-1

[profile role]
role_arn = arn:aws:iam::123456789012:role/R
source_profile = base

[profile sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile other]
region = us-west-2
`;

test('an unchanged file changes nothing; no previous reading changes everything', () => {
  assert.deepEqual([...changedProfiles(view(BASE), view(BASE))], []);
  assert.deepEqual([...changedProfiles(null, view(BASE))].sort(), ['base', 'default', 'other', 'role', 'sso']);
});

test('a source profile edit re-checks the roles built on it', () => {
  const after = BASE.replace('region = eu-west-1', 'region = eu-central-1');
  assert.deepEqual([...changedProfiles(view(BASE), view(after))].sort(), ['base', 'role']);
});

test('an sso-session edit re-checks its profiles; added and removed profiles count', () => {
  const after = BASE.replace('https://corp.awsapps.com/start', 'https://corp2.awsapps.com/start').replace('[profile other]\nregion = us-west-2\n', '[profile new]\nregion = x\n');
  assert.deepEqual([...changedProfiles(view(BASE), view(after))].sort(), ['new', 'other', 'sso']);
});

test('credentials-file keys count as the profile changing', () => {
  assert.deepEqual([...changedProfiles(view(BASE), view(BASE, '[other]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n'))], ['other']);
});

test('profiles depending on sign-in caches', () => {
  const v = view(BASE + '[profile chained]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = sso\n');
  assert.deepEqual([...profilesUsingCaches(v)].sort(), ['chained', 'sso']);
});
