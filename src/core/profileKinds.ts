// What kind of credentials a profile gets, in the order the AWS CLI v2's provider chain tries them
// (botocore: assume-role, web identity, SSO, static keys, credential_process, then console login).
// The view is a parameter so later kinds may look at sso-session sections without a signature change.
import type { FilesView, Profile, ProfileKind } from './model';

/** A setting's string value, or undefined when absent or a nested map. */
export function str(p: Profile, key: string): string | undefined {
  const v = p.settings[key];
  return typeof v === 'string' ? v : undefined;
}

const has = (p: Profile, key: string) => {
  const v = str(p, key);
  return v !== undefined && v !== '';
};

/** Where the profile's access key ID was written: botocore reads credentials-file keys before credential_process, config-file keys after it. */
export function keysInCredentialsFile(profile: Profile, view: FilesView): boolean {
  return profile.keySources.aws_access_key_id?.file === view.credentialsFile;
}

/** The kind of a profile: how the AWS CLI v2 would get its credentials (its provider order). */
export function profileKind(profile: Profile, view: FilesView): ProfileKind {
  // botocore's AssumeRoleProvider takes any profile with role_arn and no web_identity_token_file.
  if (has(profile, 'role_arn') && !has(profile, 'web_identity_token_file')) return 'assume-role';
  if (has(profile, 'web_identity_token_file')) return 'web-identity';
  // The SSO provider acts when the profile names an account or a role.
  if (has(profile, 'sso_account_id') || has(profile, 'sso_role_name')) return has(profile, 'sso_session') ? 'sso' : 'legacy-sso';
  const keys = has(profile, 'aws_access_key_id') && has(profile, 'aws_secret_access_key');
  const keyKind: ProfileKind = has(profile, 'aws_session_token') ? 'session-keys' : 'static-keys';
  if (keys && keysInCredentialsFile(profile, view)) return keyKind;
  if (has(profile, 'credential_process')) return 'credential-process';
  if (keys) return keyKind;
  if (has(profile, 'login_session')) return 'console-login';
  // Token-only SSO profiles (an sso_session or start URL without account and role).
  if (has(profile, 'sso_session')) return 'sso';
  if (has(profile, 'sso_start_url')) return 'legacy-sso';
  return 'incomplete';
}
