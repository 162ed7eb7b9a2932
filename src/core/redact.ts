// Secrets never leave the engine: every log line and message passes through here before it is shown.

const MASK = '****';
/** Shorter values are not masked: real secrets are 40+ characters, and masking a placeholder like \`secret\`
 * would garble every message that uses the word. */
const MIN_SECRET = 10;

/** Replaces every known secret (and anything that looks like a credential header or assignment) with ****. */
export function redactSecrets(text: string, knownSecrets: Iterable<string | undefined | null> = []): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  const secrets = [...knownSecrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
  for (const s of secrets) out = out.split(s).join(MASK);
  return out
    .replace(/(aws_secret_access_key|aws_session_token|aws_security_token|secretaccesskey|sessiontoken|accesstoken|refreshtoken|clientsecret)(["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi, `$1$2${MASK}`)
    .replace(/(x-amz-security-token|x-amz-sso_bearer_token|authorization)(\s*:\s*)([^\r\n]+)/gi, `$1$2${MASK}`);
}

/** A collector of the secrets one check has seen, so its messages can be redacted at the end. */
export class SecretSet {
  private readonly items = new Set<string>();
  /** Remembers secret values (undefined and short values are ignored). */
  add(...values: (string | undefined | null)[]): void {
    for (const v of values) if (typeof v === 'string' && v.length >= MIN_SECRET) this.items.add(v);
  }
  /** Redacts a text with everything seen so far. */
  redact(text: string): string {
    return redactSecrets(text, this.items);
  }
  /** The values, for handing to another set. */
  values(): string[] {
    return [...this.items];
  }
}
