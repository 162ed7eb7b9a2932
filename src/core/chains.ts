// Credential chains: from the selected profile down through source_profile links to the base credentials.
// Rules (smithy-rs/assume-role-tests.json, 28 cases, and botocore's AssumeRoleProvider agree on them):
// static keys are ignored on the selected role profile but used on a source profile; a profile may name itself
// as source_profile when it holds static keys; any other revisit is a cycle.
import type { ChainLink, FilesView, Problem, Profile, SourceRef } from './model';
import { problem, type ProblemCode } from './problems';
import { str } from './profileKinds';

/** The credential sources credential_source accepts (botocore's canonical provider names). */
export const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;

/** A chain, ordered from the base credentials to the last role, or the problem that breaks it. */
export type ChainResult = { chain: ChainLink[] } | { problem: Problem };

const has = (p: Profile, key: string) => {
  const v = str(p, key);
  return v !== undefined && v !== '';
};

// Thrown inside the resolver and caught in resolveChain; not an Error, so no stack is captured per broken profile.
class ChainError {
  constructor(readonly problem: Problem) {}
}

/** Resolves the credential chain of profile `name` in a view; never throws. */
export function resolveChain(view: FilesView, name: string): ChainResult {
  try {
    const selected = view.profiles[name];
    if (!selected) {
      // Counting profiles only on this rare path: resolveChain runs once per profile.
      if (Object.keys(view.profiles).length === 0) {
        throw new ChainError(
          problem('no-profiles', `No profiles are configured in ${view.configFile} or ${view.credentialsFile}. Run \`aws configure\` or \`aws configure sso\`.`, {
            severity: 'error',
            profile: name,
          }),
        );
      }
      throw new ChainError(problem('profile-not-found', `The profile \`${name}\` does not exist in ${view.configFile} or ${view.credentialsFile}.`, { profile: name, severity: 'error' }));
    }
    const chain: ChainLink[] = [];
    resolve(view, selected, [], chain, true);
    return { chain };
  } catch (e) {
    if (e instanceof ChainError) return { problem: e.problem };
    throw e;
  }
}

function fail(code: ProblemCode, p: Profile, key: string | null, message: string): never {
  const at: SourceRef | undefined = (key !== null ? p.keySources[key] : undefined) ?? p.sources[0];
  // A broken chain is an error even for codes whose row is a warning elsewhere (an incomplete profile).
  throw new ChainError(problem(code, message, { profile: p.name, severity: 'error', ...(at ? { file: at.file, line: at.line } : {}) }));
}

function resolve(view: FilesView, p: Profile, visited: string[], chain: ChainLink[], selected: boolean): void {
  const roleArn = str(p, 'role_arn');
  // A source profile with static keys supplies them, whatever else it says (botocore and the SDKs agree).
  if (!selected && staticKeys(p)) {
    chain.push(accessKeyLink(p));
    return;
  }
  if (has(p, 'role_arn') && !has(p, 'web_identity_token_file')) {
    const source = str(p, 'source_profile');
    const credentialSource = str(p, 'credential_source');
    if (source !== undefined && credentialSource !== undefined) {
      fail('role-source-conflict', p, 'credential_source', `Profile \`${p.name}\` sets both source_profile and credential_source. AWS tools refuse it; keep only one of them.`);
    }
    if (credentialSource !== undefined) {
      if (!(CREDENTIAL_SOURCES as readonly string[]).includes(credentialSource)) {
        fail(
          'credential-source-invalid',
          p,
          'credential_source',
          `Profile \`${p.name}\` has credential_source = ${credentialSource}. It must be one of ${CREDENTIAL_SOURCES.join(', ')}.`,
        );
      }
      chain.push({ type: 'NamedSource', profile: p.name, source: credentialSource });
    } else if (source !== undefined) {
      const next = view.profiles[source];
      if (source === p.name) {
        // Allowed only when the profile holds the keys that assume its own role.
        if (!staticKeys(p)) cycle(p, [...visited, p.name, source]);
        chain.push(accessKeyLink(p));
      } else if (visited.includes(source)) {
        cycle(p, [...visited, p.name, source]);
      } else if (!next) {
        fail('source-profile-missing', p, 'source_profile', `Profile \`${p.name}\` has source_profile = ${source}, but no profile \`${source}\` exists. Create it or correct the name.`);
      } else {
        resolve(view, next, [...visited, p.name], chain, false);
      }
    } else {
      fail('role-source-missing', p, 'role_arn', `Profile \`${p.name}\` has role_arn but neither source_profile nor credential_source, so AWS tools have no credentials to assume the role with. Add source_profile = <a profile with keys>.`);
    }
    chain.push(assumeRoleLink(p, roleArn!));
    return;
  }
  base(view, p, chain);
}

function cycle(p: Profile, path: string[]): never {
  fail('chain-cycle', p, 'source_profile', `The source_profile links go round in a circle (${path.join(' → ')}). Point one of them at a profile with access keys.`);
}

function base(view: FilesView, p: Profile, chain: ChainLink[]): void {
  if (has(p, 'web_identity_token_file')) {
    const roleArn = str(p, 'role_arn');
    if (!roleArn) fail('role-arn-missing', p, 'web_identity_token_file', `Profile \`${p.name}\` has web_identity_token_file but no role_arn. Add the ARN of the role to assume.`);
    const link: ChainLink = { type: 'WebIdentityToken', profile: p.name, roleArn, tokenFile: str(p, 'web_identity_token_file')! };
    const sessionName = str(p, 'role_session_name');
    if (sessionName !== undefined) link.sessionName = sessionName;
    chain.push(link);
    return;
  }
  // The AWS CLI's provider order: SSO (when an account or role is named), credentials-file keys,
  // credential_process, config-file keys, console login, then a token-only SSO profile.
  if (has(p, 'sso_account_id') || has(p, 'sso_role_name')) {
    sso(view, p, chain);
    return;
  }
  const keysHere = has(p, 'aws_access_key_id') || has(p, 'aws_secret_access_key');
  if (keysHere && p.keySources.aws_access_key_id?.file === view.credentialsFile) {
    keys(p, chain);
    return;
  }
  const process = str(p, 'credential_process');
  if (process !== undefined && process !== '') {
    chain.push({ type: 'CredentialProcess', profile: p.name, command: process });
    return;
  }
  if (keysHere) {
    keys(p, chain);
    return;
  }
  const login = str(p, 'login_session');
  if (login !== undefined && login !== '') {
    chain.push({ type: 'ConsoleLogin', profile: p.name, loginSession: login });
    return;
  }
  if (str(p, 'sso_session') !== undefined || has(p, 'sso_start_url')) {
    sso(view, p, chain);
    return;
  }
  fail('profile-incomplete', p, null, `Profile \`${p.name}\` has no credentials: no access keys, role, SSO, credential_process or login session. Run \`aws configure --profile ${p.name}\` or \`aws configure sso\`.`);
}

function keys(p: Profile, chain: ChainLink[]): void {
  if (!has(p, 'aws_secret_access_key')) fail('secret-missing', p, 'aws_access_key_id', `Profile \`${p.name}\` has an access key ID but no aws_secret_access_key. Add the secret access key that belongs to it.`);
  if (!has(p, 'aws_access_key_id')) fail('key-id-missing', p, 'aws_secret_access_key', `Profile \`${p.name}\` has a secret access key but no aws_access_key_id. Add the access key ID that belongs to it.`);
  chain.push(accessKeyLink(p));
}

function sso(view: FilesView, p: Profile, chain: ChainLink[]): void {
  const session = str(p, 'sso_session');
  const accountId = str(p, 'sso_account_id');
  const roleName = str(p, 'sso_role_name');
  if (roleName !== undefined && accountId === undefined) {
    fail('sso-profile-incomplete', p, 'sso_role_name', `Profile \`${p.name}\` has sso_role_name but no sso_account_id. Add the account ID (run \`aws configure sso\` to pick one).`);
  }
  if (accountId !== undefined && roleName === undefined) {
    fail('sso-profile-incomplete', p, 'sso_account_id', `Profile \`${p.name}\` has sso_account_id but no sso_role_name. Add the role name (run \`aws configure sso\` to pick one).`);
  }
  const link: ChainLink = { type: 'Sso', profile: p.name };
  if (session !== undefined) {
    const s = view.ssoSessions[session];
    if (!s) fail('sso-session-missing', p, 'sso_session', `Profile \`${p.name}\` uses sso_session = ${session}, but there is no [sso-session ${session}] section in ${view.configFile}. Add it or correct the name.`);
    const region = str(p, 'sso_region');
    const sessionRegion = typeof s.settings.sso_region === 'string' ? s.settings.sso_region : undefined;
    if (region !== undefined && region !== sessionRegion) {
      fail('sso-setting-conflict', p, 'sso_region', `Profile \`${p.name}\` sets sso_region, which belongs in [sso-session ${session}]. Move it there (AWS SDKs refuse it in the profile).`);
    }
    link.session = session;
    const startUrl = typeof s.settings.sso_start_url === 'string' ? s.settings.sso_start_url : undefined;
    if (startUrl !== undefined) link.startUrl = startUrl;
  } else {
    const startUrl = str(p, 'sso_start_url');
    if (startUrl !== undefined) link.startUrl = startUrl;
  }
  if (accountId !== undefined) link.accountId = accountId;
  if (roleName !== undefined) link.roleName = roleName;
  chain.push(link);
}

function staticKeys(p: Profile): boolean {
  return has(p, 'aws_access_key_id') && has(p, 'aws_secret_access_key');
}

function accessKeyLink(p: Profile): ChainLink {
  const link: ChainLink = { type: 'AccessKey', profile: p.name, accessKeyId: str(p, 'aws_access_key_id')!, sessionToken: has(p, 'aws_session_token') };
  const account = str(p, 'aws_account_id');
  if (account !== undefined) link.accountId = account;
  return link;
}

function assumeRoleLink(p: Profile, roleArn: string): ChainLink {
  const link: ChainLink = { type: 'AssumeRole', profile: p.name, roleArn };
  const sessionName = str(p, 'role_session_name');
  if (sessionName !== undefined) link.sessionName = sessionName;
  const externalId = str(p, 'external_id');
  if (externalId !== undefined) link.externalId = externalId;
  return link;
}
