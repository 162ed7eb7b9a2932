// The secret values written in the user's files, so every text we show can be redacted with them — including a
// secret that an indented line folded into another setting's value (`role_arn = …⏎  aws_secret_access_key = …`).
import type { FileInput } from './model';
import { redactSecrets } from './redact';

const SECRET_ASSIGNMENT = /(?:aws_secret_access_key|aws_session_token|aws_security_token)[^\S\n]*[=:][^\S\n]*([^\n]*)/gi;

/** Every secret value written in the files: the whole value, and the value before an inline comment. */
export function fileSecrets(inputs: FileInput[]): string[] {
  const out = new Set<string>();
  for (const f of inputs) {
    if (f.text === null) continue;
    // One scan of the whole text (a per-line split costs as much as reading the file).
    for (const m of f.text.matchAll(SECRET_ASSIGNMENT)) {
      const v = m[1]!.trim();
      out.add(v);
      const cut = v.search(/\s[#;]/);
      if (cut !== -1) out.add(v.slice(0, cut).trim());
    }
  }
  return [...out].filter((s) => s.length > 0);
}

/**
 * A redactor for many texts and many secrets: one regular expression for all the secrets (longest first), so a
 * file with thousands of keys and thousands of problems costs one pass per text, not one per secret.
 */
export function fileRedactor(secrets: readonly string[]): (text: string) => string {
  const usable = secrets.filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
  const any = usable.length === 0 ? null : new RegExp(usable.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => redactSecrets(any === null ? text : text.replace(any, '****'));
}
