// What signing in a profile to IAM Identity Center means, read from the files the way the AWS CLI v2 does
// (`aws sso login --profile NAME`): the sso-session (or, for a legacy profile, the profile itself) gives the
// start URL, the Region and the registration scopes; a role profile signs in through the SSO profile at the
// base of its chain. Pure: the device sign-in itself is src/node/ssoSignIn.ts.
import { resolveChain } from './chains';
import type { FilesView, SettingValue, SourceRef } from './model';
import { splitScopes } from './setupValidation';

/** The sign-in a profile needs. */
export interface SsoSignInTarget {
  /** The profile that holds the SSO settings (the one asked about, or the base of its role chain). */
  ssoProfile: string;
  /** The sso-session's name; null for a legacy profile (its token file is named by the start URL). */
  sessionName: string | null;
  startUrl: string;
  region: string;
  /** sso_registration_scopes, split as the CLI does; always empty for a legacy profile. */
  scopes: string[];
}

const text = (v: SettingValue | undefined): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const at = (refs: SourceRef[]): string => (refs[0] ? `${refs[0].file} line ${refs[0].line}` : 'your config file');

/** The IAM Identity Center sign-in profile `name` needs, or why it has none (a plain sentence naming file and line). */
export function ssoSignInTarget(view: FilesView, name: string): SsoSignInTarget | { error: string } {
  const r = resolveChain(view, name);
  if ('problem' in r) return { error: r.problem.message };
  const link = r.chain.find((l) => l.type === 'Sso');
  if (!link || link.type !== 'Sso') {
    return { error: `Profile \`${name}\` does not use IAM Identity Center, so there is nothing to sign in to. Verify it instead, or sign in with the profile its credentials come from.` };
  }
  const p = view.profiles[link.profile]!;
  if (link.session !== undefined) {
    const s = view.ssoSessions[link.session]!;
    const startUrl = text(s.settings.sso_start_url);
    const region = text(s.settings.sso_region);
    const missing = [!startUrl && 'sso_start_url', !region && 'sso_region'].filter(Boolean).join(' and ');
    if (!startUrl || !region) {
      return { error: `The [sso-session ${link.session}] section (${at(s.sources)}) has no ${missing}, so profile \`${link.profile}\` cannot sign in. Add it (aws configure sso-session).` };
    }
    const scopes = text(s.settings.sso_registration_scopes);
    return { ssoProfile: link.profile, sessionName: link.session, startUrl, region, scopes: scopes ? splitScopes(scopes) : [] };
  }
  const startUrl = text(p.settings.sso_start_url);
  const region = text(p.settings.sso_region);
  if (!startUrl || !region) {
    const missing = [!startUrl && 'sso_start_url', !region && 'sso_region'].filter(Boolean).join(' and ');
    return { error: `Profile \`${link.profile}\` (${at(p.sources)}) has no ${missing}, so it cannot sign in to IAM Identity Center. Add it, or run aws configure sso.` };
  }
  return { ssoProfile: link.profile, sessionName: null, startUrl, region, scopes: [] };
}
