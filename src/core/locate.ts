// Where the AWS tools look for ~/.aws/config and ~/.aws/credentials, and which profile they use.
// Pure: paths are joined as strings (core cannot import node:path), so the platform is a parameter.
import type { ActiveProfileInfo } from './model';

/** A platform whose path rules we follow. */
export type PathPlatform = 'linux' | 'darwin' | 'win32';

/** The two file paths and the selected profile, as the AWS CLI v2 resolves them. */
export interface LocatedFiles {
  configFile: string;
  credentialsFile: string;
  profile: ActiveProfileInfo;
}

// Empty variables count as unset (the SDKs and botocore agree on this).
const get = (env: Record<string, string | undefined>, name: string): string | undefined => {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
};

/** The home folder the AWS tools use: HOME, then on Windows USERPROFILE, then HOMEDRIVE+HOMEPATH. */
export function homeFolder(env: Record<string, string | undefined>, platform: PathPlatform, homedir?: string): string | undefined {
  const home = get(env, 'HOME');
  if (home !== undefined) return home;
  if (platform === 'win32') {
    const profile = get(env, 'USERPROFILE');
    if (profile !== undefined) return profile;
    const drive = get(env, 'HOMEDRIVE');
    const path = get(env, 'HOMEPATH');
    if (drive !== undefined && path !== undefined) return drive + path;
  }
  return homedir;
}

/** Joins path parts with the platform's separator, without doubling separators. */
export function joinPath(platform: PathPlatform, ...parts: string[]): string {
  const sep = platform === 'win32' ? '\\' : '/';
  let out = '';
  for (const p of parts) {
    if (out === '') out = p;
    else if (/[\\/]$/.test(out)) out += p.replace(/^[\\/]+/, '');
    else out += sep + p.replace(/^[\\/]+/, '');
  }
  return out;
}

// botocore runs os.path.expandvars then os.path.expanduser on the two paths: `$VAR`/`${VAR}` are
// replaced when set (left as written when not), and a leading `~` becomes the home folder.
function expandPath(path: string, env: Record<string, string | undefined>, platform: PathPlatform, home: string | undefined): string {
  const vars = path.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    const v = env[key];
    return v === undefined ? whole : v;
  });
  if (home === undefined) return vars;
  if (vars === '~') return home;
  if (vars.startsWith('~/') || (platform === 'win32' && vars.startsWith('~\\'))) return joinPath(platform, home, vars.slice(2));
  return vars;
}

/**
 * Locates the config and credentials files and the active profile like the AWS CLI v2:
 * AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE override the defaults under the home folder;
 * the profile is AWS_PROFILE, then AWS_DEFAULT_PROFILE (read only by the AWS CLI, not by the SDKs), then `default`.
 */
export function locateFiles(env: Record<string, string | undefined>, platform: PathPlatform, homedir?: string): LocatedFiles {
  const home = homeFolder(env, platform, homedir);
  const base = home ?? '~';
  const defaultConfig = joinPath(platform, base, '.aws', 'config');
  const defaultCredentials = joinPath(platform, base, '.aws', 'credentials');
  const configEnv = get(env, 'AWS_CONFIG_FILE');
  const credentialsEnv = get(env, 'AWS_SHARED_CREDENTIALS_FILE');
  return {
    configFile: configEnv === undefined ? defaultConfig : expandPath(configEnv, env, platform, home),
    credentialsFile: credentialsEnv === undefined ? defaultCredentials : expandPath(credentialsEnv, env, platform, home),
    profile: activeProfile(env),
  };
}

/** The profile the AWS CLI v2 uses when none is given on the command line. */
export function activeProfile(env: Record<string, string | undefined>): ActiveProfileInfo {
  const awsProfile = get(env, 'AWS_PROFILE');
  if (awsProfile !== undefined) return { name: awsProfile, from: 'AWS_PROFILE' };
  // Only the AWS CLI reads AWS_DEFAULT_PROFILE; the AWS SDKs ignore it and use `default`.
  const defaultProfile = get(env, 'AWS_DEFAULT_PROFILE');
  if (defaultProfile !== undefined) return { name: defaultProfile, from: 'AWS_DEFAULT_PROFILE' };
  return { name: 'default', from: 'default' };
}
