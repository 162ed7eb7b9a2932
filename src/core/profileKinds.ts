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

/** The kind of a profile: how the AWS CLI v2 would get its credentials. */
export function profileKind(profile: Profile, _view: FilesView): ProfileKind {
  // botocore's AssumeRoleProvider takes any profile with role_arn and no web_identity_token_file.
  if (has(profile, 'role_arn') && !has(profile, 'web_identity_token_file')) return 'assume-role';
  if (has(profile, 'web_identity_token_file')) return 'web-identity';
  if (has(profile, 'sso_session')) return 'sso';
  if (has(profile, 'sso_start_url') || has(profile, 'sso_account_id') || has(profile, 'sso_role_name')) return 'legacy-sso';
  if (has(profile, 'aws_access_key_id') && has(profile, 'aws_secret_access_key')) {
    return has(profile, 'aws_session_token') ? 'session-keys' : 'static-keys';
  }
  if (has(profile, 'credential_process')) return 'credential-process';
  if (has(profile, 'login_session')) return 'console-login';
  return 'incomplete';
}
