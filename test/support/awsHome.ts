// A home folder whose AWS files show the states a user meets, backed by real IAM users in moto:
// a healthy default profile, a wrong secret, an SSO profile whose cached token has expired, a role chain,
// and (for the demo only) a duplicate section the AWS CLI v2 refuses. Used by the extension-host run,
// the browser tests and `npm start`.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Moto, MotoRole, MotoUser } from './moto';

/** What seedAwsHome made: where the files are, the env that points a process at them, and the moto objects. */
export interface SeededHome {
  home: string;
  configFile: string;
  credentialsFile: string;
  /** Env for code-server / the extension host / the CLI: HOME, AWS_CONFIG_FILE, AWS_ENDPOINT_URL_STS, AWS_REGION… */
  env: Record<string, string>;
  /** `alice` (healthy, profile default) and `bob` (profile wrong-secret, the secret on disk is wrong). */
  users: { alice: MotoUser; bob: MotoUser };
  /** Role `deploy`, assumable by alice (profile deploy: role_arn + source_profile = default). */
  role: MotoRole;
  /** Profile names by state. */
  profiles: { healthy: string; wrongSecret: string; ssoExpired: string; roleChain: string; duplicate?: string };
}

/** The SSO token cache file name the AWS CLI v2 uses for an sso-session: sha1 of the session name. */
export function ssoCacheFileName(sessionName: string): string {
  return createHash('sha1').update(sessionName, 'utf8').digest('hex') + '.json';
}

/** Env that points AWS tools at moto and never at a real account or the instance metadata service. */
export function motoEnv(moto: Moto): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_STS: moto.endpoint,
    AWS_ENDPOINT_URL_IAM: moto.endpoint,
    AWS_REGION: moto.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PREREQS_TEST_MOTO: moto.endpoint,
  };
}

/** Writes ~/.aws/config, ~/.aws/credentials and an expired SSO token cache under `home`; creates alice, bob and role deploy in moto. */
export async function seedAwsHome(moto: Moto, home: string, opts: { cliRefusedDuplicate?: boolean } = {}): Promise<SeededHome> {
  const aws = join(home, '.aws');
  mkdirSync(join(aws, 'sso', 'cache'), { recursive: true, mode: 0o700 });
  const role = await moto.createRole('deploy', { trustedArns: '*' });
  const alice = await moto.createUser('alice', { assumableRoles: [role.arn] });
  const bob = await moto.createUser('bob');
  const wrongSecret = bob.secretAccessKey.slice(0, -4) + (bob.secretAccessKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');

  const config = [
    '[default]',
    `region = ${moto.region}`,
    '',
    '[profile wrong-secret]',
    `region = ${moto.region}`,
    '',
    '[profile deploy]',
    `role_arn = ${role.arn}`,
    'source_profile = default',
    `region = ${moto.region}`,
    '',
    '[profile sso-expired]',
    'sso_session = demo-sso',
    `sso_account_id = ${moto.accountId}`,
    'sso_role_name = ReadOnly',
    `region = ${moto.region}`,
    '',
    '[sso-session demo-sso]',
    'sso_start_url = https://demo-sso.awsapps.com/start',
    `sso_region = ${moto.region}`,
    'sso_registration_scopes = sso:account:access',
    '',
    ...(opts.cliRefusedDuplicate
      ? ['[profile legacy]', `region = ${moto.region}`, '', '# the same section again: the AWS CLI v2 refuses the whole file', '[profile legacy]', 'output = json', '']
      : []),
  ].join('\n');
  const credentials = [
    '[default]',
    `aws_access_key_id = ${alice.accessKeyId}`,
    `aws_secret_access_key = ${alice.secretAccessKey}`,
    '',
    '[wrong-secret]',
    `aws_access_key_id = ${bob.accessKeyId}`,
    `aws_secret_access_key = ${wrongSecret}`,
    '',
  ].join('\n');
  const configFile = join(aws, 'config');
  const credentialsFile = join(aws, 'credentials');
  writeFileSync(configFile, config, { mode: 0o600 });
  writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  // An expired access token with no refresh token: the CLI says "Token has expired", a login is needed.
  const expired = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  writeFileSync(
    join(aws, 'sso', 'cache', ssoCacheFileName('demo-sso')),
    JSON.stringify({ startUrl: 'https://demo-sso.awsapps.com/start', region: moto.region, accessToken: 'expired-demo-token', expiresAt: expired }),
    { mode: 0o600 },
  );
  return {
    home,
    configFile,
    credentialsFile,
    env: {
      HOME: home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_PREREQS_TEST_HOME: home,
      ...motoEnv(moto),
    },
    users: { alice, bob },
    role,
    profiles: {
      healthy: 'default',
      wrongSecret: 'wrong-secret',
      ssoExpired: 'sso-expired',
      roleChain: 'deploy',
      ...(opts.cliRefusedDuplicate ? { duplicate: 'legacy' } : {}),
    },
  };
}
