// Which profiles a file edit touched, so a live refresh re-checks only those: a profile changed when its own
// settings, a profile it takes credentials from (source_profile, transitively) or its [sso-session] changed.

import type { FilesView, SettingValue } from './model';

const str = (v: SettingValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** A profile's own definition, plus the [sso-session] it names. */
function ownFingerprint(view: FilesView, name: string): string {
  const p = view.profiles[name];
  if (!p) return '∅';
  const session = str(p.settings['sso_session']);
  const s = session !== undefined ? view.ssoSessions[session] : undefined;
  return JSON.stringify([p.settings, s ? s.settings : null]);
}

/** The fingerprint of a profile and everything its credentials come from. */
export function profileFingerprint(view: FilesView, name: string): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  let cur: string | undefined = name;
  // Follow source_profile until it ends or loops (a loop is a file problem; its fingerprint is still stable).
  while (cur !== undefined && !seen.has(cur)) {
    seen.add(cur);
    parts.push(`${cur}=${ownFingerprint(view, cur)}`);
    const next: string | undefined = str(view.profiles[cur]?.settings['source_profile']);
    cur = next;
  }
  return parts.join('\n');
}

/** Names of profiles that are new, gone or whose credentials may differ between two readings. */
export function changedProfiles(before: FilesView | null, after: FilesView): Set<string> {
  const names = new Set([...Object.keys(after.profiles), ...Object.keys(before?.profiles ?? {})]);
  const out = new Set<string>();
  for (const n of names) {
    if (!before || profileFingerprint(before, n) !== profileFingerprint(after, n)) out.add(n);
  }
  return out;
}

/** Profiles whose credentials come from a sign-in cache (IAM Identity Center or `aws login`), directly or through a chain. */
export function profilesUsingCaches(view: FilesView): Set<string> {
  const out = new Set<string>();
  for (const name of Object.keys(view.profiles)) {
    const seen = new Set<string>();
    let cur: string | undefined = name;
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      const s: Record<string, SettingValue> = view.profiles[cur]?.settings ?? {};
      if (s['sso_session'] !== undefined || s['sso_start_url'] !== undefined || s['login_session'] !== undefined) {
        out.add(name);
        break;
      }
      cur = str(s['source_profile']);
    }
  }
  return out;
}
