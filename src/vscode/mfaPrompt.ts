// The MFA prompt: asked only when the user verifies a profile whose role needs a one-time code.
import * as vscode from 'vscode';

/** Asks for the one-time code of a role's MFA device; undefined when the user cancels. */
export async function askMfaCode(profile: string, serial: string): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({
    title: `MFA code for profile ${profile}`,
    prompt: `The role of profile ${profile} needs a code from the MFA device ${serial}.`,
    placeHolder: '123456',
    ignoreFocusOut: true,
    validateInput: (x) => (/^\d{6}$/.test(x.trim()) ? undefined : 'Enter the 6 digits your MFA device shows.'),
  });
  return v?.trim() || undefined;
}
