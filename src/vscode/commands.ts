// The one command table: every command id of the extension maps to one small handler. Each handler runs inside
// a wrapper that logs a failure and shows one plain message, so no command ever fails silently or twice.
import * as vscode from 'vscode';
import { redactLogLine } from '../core/logRedaction';
import { applyFix, fixPermissions, openAtLine, openConfigFile, openCredentialsFile, revealProfile, showLog } from './fileCommands';
import { loadDeferred } from './loadDeferred';
import { errorText } from './log';
import { copyAccountId, copyArn, selectProfile, signIn, useProfile, verifyProfile } from './profileCommands';
import { isUserError } from '../core/userError';
import type { Services } from './services';

/** A command handler: the services, then whatever VS Code passes (a tree node, arguments of a fix). */
export type CommandHandler = (s: Services, ...args: any[]) => unknown;

/** Every command id and its handler. Palette titles and menus are in package.json. */
export const COMMANDS: Record<string, CommandHandler> = {
  'awsPrereqs.refresh': (s) => s.host.refresh(),
  'awsPrereqs.verifyProfile': verifyProfile,
  'awsPrereqs.selectProfile': selectProfile,
  'awsPrereqs.useProfile': useProfile,
  'awsPrereqs.signIn': signIn,
  'awsPrereqs.openConfigFile': openConfigFile,
  'awsPrereqs.openCredentialsFile': openCredentialsFile,
  'awsPrereqs.revealProfile': revealProfile,
  'awsPrereqs.openAtLine': openAtLine,
  'awsPrereqs.copyAccountId': copyAccountId,
  'awsPrereqs.copyArn': copyArn,
  'awsPrereqs.applyFix': applyFix,
  'awsPrereqs.fixPermissions': fixPermissions,
  'awsPrereqs.showLog': showLog,
  // The setup guide (webview host, IAM Identity Center sign-in) is loaded on first use, not at activation.
  'awsPrereqs.openSetupGuide': (s, page?: unknown) => loadDeferred().openSetupGuide(s, page),
};

/** Registers every command of the table, each wrapped to log and report its failure once. */
export function registerCommands(s: Services): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(s, ...args);
      } catch (err) {
        s.log.error(`Command ${id} failed`, err);
        // By brand, not instanceof: errors thrown in the deferred chunk carry that bundle's copy of the class.
        const msg = isUserError(err) ? err.message : `AWS Prereqs: ${redactLogLine(errorText(err))}`;
        // Not awaited: the command ends now, the message stays until the user closes it.
        void vscode.window.showErrorMessage(msg, 'Show Log').then((choice) => choice && s.log.show());
        return undefined;
      }
    }),
  );
}
