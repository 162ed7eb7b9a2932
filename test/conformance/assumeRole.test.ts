// smithy-rs/assume-role-tests.json (28 cases) against resolveChain. Secrets are not part of our chain links
// (they must never leave the reader), so the comparison covers every other field of each link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveChain } from '../../src/core/chains';
import type { ChainLink, FilesView, Profile, Section } from '../../src/core/model';

interface Case {
  docs: string;
  input: { profiles: Record<string, Record<string, string>>; sso_sessions?: Record<string, Record<string, string>>; selected_profile: string };
  output: { ProfileChain: Record<string, unknown>[] } | { Error: string };
}

const suite = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'conformance', 'smithy-rs', 'assume-role-tests.json'), 'utf8')) as Case[];

const section = (name: string, settings: Record<string, string>): Profile & Section => ({ name, settings, sources: [{ file: '/cfg', line: 1 }], keySources: {} });

function viewOf(c: Case): FilesView {
  const map = (m: Record<string, Record<string, string>> = {}) => Object.fromEntries(Object.entries(m).map(([n, s]) => [n, section(n, s)]));
  return { reading: 'sdk', configFile: '/cfg', credentialsFile: '/cred', profiles: map(c.input.profiles), ssoSessions: map(c.input.sso_sessions), services: {}, problems: [] };
}

// Rust's link shape, minus the secret access key, from ours.
function rustShape(l: ChainLink): Record<string, unknown> {
  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  switch (l.type) {
    case 'AccessKey':
      return { AccessKey: defined({ access_key_id: l.accessKeyId, account_id: l.accountId }) };
    case 'AssumeRole':
      return { AssumeRole: defined({ role_arn: l.roleArn, role_session_name: l.sessionName, external_id: l.externalId }) };
    case 'WebIdentityToken':
      return { WebIdentityToken: defined({ role_arn: l.roleArn, web_identity_token_file: l.tokenFile, role_session_name: l.sessionName }) };
    case 'NamedSource':
      return { NamedSource: l.source };
    case 'Sso':
      return { Sso: defined({ sso_session: l.session, sso_start_url: l.startUrl, sso_account_id: l.accountId, sso_role_name: l.roleName }) };
    default:
      return { [l.type]: l };
  }
}

function expectedShape(link: Record<string, unknown>): Record<string, unknown> {
  const [type, body] = Object.entries(link)[0]!;
  if (typeof body !== 'object' || body === null) return link;
  const b = { ...(body as Record<string, unknown>) };
  delete b.secret_access_key;
  // sso_region lives in the session or the profile; our link names the session, not the region.
  delete b.sso_region;
  return { [type]: b };
}

test('the suite has 28 cases', () => assert.equal(suite.length, 28));

suite.forEach((c, i) => {
  test(`#${i + 1} ${c.docs}`, () => {
    const r = resolveChain(viewOf(c), c.input.selected_profile);
    if ('Error' in c.output) {
      assert.ok('problem' in r, `expected an error containing "${c.output.Error}", got ${JSON.stringify(r)}`);
      assert.equal(r.problem.severity, 'error');
      return;
    }
    assert.ok('chain' in r, `unexpected problem: ${'problem' in r ? r.problem.message : ''}`);
    assert.deepEqual(r.chain.map(rustShape), c.output.ProfileChain.map(expectedShape));
  });
});
