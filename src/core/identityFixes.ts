// One-click fixes for identity problems: which of our commands (src/vscode/commands.ts) moves the user on.
// Pure: the engine attaches them; the tree, diagnostics and guide only show the button.
import type { Fix, Problem } from './model';

/** The fix for an identity, security or CLI problem, when one of our commands helps; undefined otherwise. */
export function identityFix(p: Problem): Fix | undefined {
  const profile = p.profile && p.profile !== 'environment' ? p.profile : undefined;
  switch (p.code) {
    case 'sso-token-missing':
    case 'sso-token-expired':
    case 'login-token-missing':
    case 'login-token-expired':
      return profile ? { title: 'Sign in again', command: { id: 'awsPrereqs.signIn', args: [profile] } } : undefined;
    case 'mfa-required':
      return profile ? { title: 'Verify with an MFA code', command: { id: 'awsPrereqs.verifyProfile', args: [profile] } } : undefined;
    case 'signature-mismatch':
    case 'invalid-access-key-id':
      return { title: 'Enter new access keys', command: { id: 'awsPrereqs.openSetupGuide', args: ['keys'] } };
    case 'long-term-key':
    case 'root-user':
    case 'no-account':
      return { title: 'Set up short-term credentials', command: { id: 'awsPrereqs.openSetupGuide', args: ['start'] } };
    default:
      return undefined;
  }
}

/** The problem with its fix attached (an existing fix is kept). */
export function withIdentityFix(p: Problem): Problem {
  if (p.fix) return p;
  const fix = identityFix(p);
  return fix ? { ...p, fix } : p;
}
