// Redaction for the log channel: a last line of defence behind the engine's own redaction, so a
// secret that slipped into an error message never reaches the Output panel.

/** What replaces a secret in a log line. */
export const REDACTED = '****';

const SECRET_KEYS = /\b(aws_secret_access_key|aws_session_token|aws_security_token|secretAccessKey|sessionToken|accessToken|refreshToken|clientSecret)(["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi;
// A 40-character secret access key, or a long base64 token (session tokens, SSO access tokens).
const SECRET_SHAPES = /(?<![A-Za-z0-9/+=])(?:[A-Za-z0-9/+]{40}|[A-Za-z0-9/+=_-]{100,})(?![A-Za-z0-9/+=])/g;

/** Removes known secret values, `key = secret` pairs and secret-shaped strings from one log line. */
export function redactLogLine(line: string, knownSecrets: Iterable<string> = []): string {
  let out = line;
  for (const s of knownSecrets) {
    if (s && s.length >= 8) out = out.split(s).join(REDACTED);
  }
  out = out.replace(SECRET_KEYS, (_m, k: string, sep: string) => `${k}${sep}${REDACTED}`);
  // A lowercase hex digest (the SSO cache file names are SHA-1s) is no secret and helps reading the log.
  return out.replace(SECRET_SHAPES, (m) => (/^[0-9a-f]{40}$/.test(m) ? m : REDACTED));
}

const SECRET_SETTINGS = ['aws_secret_access_key', 'aws_session_token', 'aws_security_token'];

/** The secret values written in the profiles of a reading (to redact them from the log; never shown). */
export function secretsInProfiles(profiles: Record<string, { settings: Record<string, unknown> }>): string[] {
  const out: string[] = [];
  for (const p of Object.values(profiles)) {
    for (const k of SECRET_SETTINGS) {
      const v = p.settings[k];
      if (typeof v === 'string') out.push(v);
    }
  }
  return out;
}
