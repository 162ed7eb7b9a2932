// The `aws-prereqs` terminal front: parses the sub-command and hands over to its module.
// Exit codes: 0 ok, 1 problems of severity error (or a failing step), 2 usage or I/O error.
import { cliIo, type CliIo } from './cli/io';

/** Usage text printed on `--help` and on usage errors. */
export const USAGE = `Usage:
  aws-prereqs check [--profile NAME] [--json] [--offline] [--timeout-ms N]
  aws-prereqs profiles [--json] [--reading cli|sdk]
  aws-prereqs set (--profile NAME | --sso-session NAME) KEY=VALUE... [--stdin]
  aws-prereqs --help | --version`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./cli/checkCommand')).runCheck,
  profiles: async () => (await import('./cli/profilesCommand')).runProfiles,
  set: async () => (await import('./cli/setCommand')).runSet,
};

/** Runs the terminal front; never throws, returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out(io.version);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`aws-prereqs: unknown command "${name}". Run aws-prereqs --help.`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    // Bad input never prints a stack trace; the message is one line and carries no secret.
    io.err(`aws-prereqs: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), cliIo()).then((code) => {
    process.exitCode = code;
  });
}
