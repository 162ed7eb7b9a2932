// Which endpoint an AWS CLI v2 client uses — the "configured endpoint URLs" rules (client option, environment,
// [services] section, profile endpoint_url, ignore switches), then the regional default. Pure, tested against
// botocore's configured-endpoint-urls suite.
import type { Section, SettingValue } from './model';

/** Inputs of the endpoint decision. */
export interface EndpointInput {
  /** Service id as in the env var suffix and [services] keys: 'sts', 'sso', 'sso-oidc', 's3', 'dynamodb'. */
  service: string;
  env: Record<string, string | undefined>;
  /** The profile's settings (CLI reading). */
  settings: Record<string, SettingValue>;
  /** Every [services NAME] section (CLI reading). */
  services: Record<string, Section>;
  /** An explicit endpoint (a --endpoint-url, or a test's choice): always wins. */
  clientEndpoint?: string;
  clientIgnore?: boolean;
}

/** Where the endpoint came from; url null means "the SDK's default for the region". */
export interface EndpointChoice {
  url: string | null;
  from: 'client' | 'env-service' | 'env-global' | 'services-section' | 'profile' | 'default';
}

const str = (v: SettingValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const truthy = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v.trim().toLowerCase() === 'true');

/** The env var suffix for a service id: spaces and dashes become underscores, upper case. */
export function serviceEnvSuffix(service: string): string {
  return service.replace(/[\s-]+/g, '_').toUpperCase();
}

/** Picks the configured endpoint the way botocore does. */
export function configuredEndpoint(i: EndpointInput): EndpointChoice {
  if (i.clientEndpoint) return { url: i.clientEndpoint, from: 'client' };
  const ignore = i.clientIgnore ?? truthy(i.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ?? truthy(str(i.settings.ignore_configured_endpoint_urls)) ?? false;
  if (ignore) return { url: null, from: 'default' };
  const envService = i.env[`AWS_ENDPOINT_URL_${serviceEnvSuffix(i.service)}`];
  if (envService) return { url: envService, from: 'env-service' };
  if (i.env.AWS_ENDPOINT_URL) return { url: i.env.AWS_ENDPOINT_URL, from: 'env-global' };
  const sectionName = str(i.settings.services);
  const section = sectionName !== undefined ? i.services[sectionName] : undefined;
  const sub = section?.settings[i.service.replace(/[\s-]+/g, '_').toLowerCase()];
  if (sub && typeof sub === 'object' && sub.endpoint_url) return { url: sub.endpoint_url, from: 'services-section' };
  const own = str(i.settings.endpoint_url);
  if (own) return { url: own, from: 'profile' };
  return { url: null, from: 'default' };
}

/** Regions whose STS default was the global endpoint under `sts_regional_endpoints = legacy`. */
const STS_LEGACY_GLOBAL = new Set([
  'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'aws-global', 'ca-central-1', 'eu-central-1',
  'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
]);

/** The DNS suffix of a region's partition. */
export function dnsSuffix(region: string): string {
  if (region.startsWith('cn-')) return 'amazonaws.com.cn';
  if (region.startsWith('us-iso-')) return 'c2s.ic.gov';
  if (region.startsWith('us-isob-')) return 'sc2s.sgov.gov';
  return 'amazonaws.com';
}

/** The default STS endpoint for a region (CLI v2 default: regional; `legacy` keeps the global endpoint for the old
 * regions; FIPS and dual-stack variants as in the STS endpoint rules). */
export function defaultStsEndpoint(region: string, stsRegionalEndpoints: string | undefined, variant: { fips?: boolean; dualstack?: boolean } = {}): string {
  const mode = (stsRegionalEndpoints ?? 'regional').toLowerCase();
  const suffix = variant.dualstack ? (region.startsWith('cn-') ? 'api.amazonwebservices.com.cn' : 'api.aws') : dnsSuffix(region);
  if (variant.fips) return region.startsWith('us-gov-') && !variant.dualstack ? `https://sts.${region}.amazonaws.com` : `https://sts-fips.${region}.${suffix}`;
  if (variant.dualstack) return `https://sts.${region}.${suffix}`;
  if (region === 'aws-global' || (mode === 'legacy' && STS_LEGACY_GLOBAL.has(region))) return 'https://sts.amazonaws.com';
  return `https://sts.${region}.${suffix}`;
}

/** A boolean setting as botocore reads it: the environment variable first, then the profile (`true` in any case). */
export function boolSetting(env: Record<string, string | undefined>, envName: string, settings: Record<string, SettingValue>, key: string): boolean {
  const v = env[envName] ?? str(settings[key]);
  return v !== undefined && v.trim().toLowerCase() === 'true';
}

/** The region a client uses, as the CLI v2 picks it: AWS_DEFAULT_REGION, the profile's region, then AWS_REGION
 * (read by the SDKs, not botocore — a last resort before us-east-1, so a region is always chosen). */
export function chooseRegion(env: Record<string, string | undefined>, settings: Record<string, SettingValue>): { region: string; from: string } {
  if (env.AWS_DEFAULT_REGION) return { region: env.AWS_DEFAULT_REGION, from: 'AWS_DEFAULT_REGION' };
  const r = str(settings.region);
  if (r) return { region: r, from: 'profile' };
  if (env.AWS_REGION) return { region: env.AWS_REGION, from: 'AWS_REGION' };
  return { region: 'us-east-1', from: 'fallback' };
}

/** Whether a host bypasses the proxy under NO_PROXY rules (comma list, leading dot or bare suffix, `*`, host:port). */
export function bypassesProxy(host: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [eHost, ePort] = entry.split(/:(?=\d+$)/) as [string, string | undefined];
    if (ePort && ePort !== port) continue;
    const bare = eHost.replace(/^\*?\./, '');
    if (h === bare || h.endsWith('.' + bare)) return true;
  }
  return false;
}

/** The proxy URL for a request to `url`: an explicit one (VS Code's http.proxy) first, then HTTPS_PROXY/HTTP_PROXY, minus NO_PROXY. */
export function proxyFor(url: string, env: Record<string, string | undefined>, explicit?: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  if (bypassesProxy(u.hostname, port, env.NO_PROXY ?? env.no_proxy)) return null;
  if (explicit) return explicit;
  const p =
    u.protocol === 'https:'
      ? env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy
      : env.HTTP_PROXY ?? env.http_proxy;
  return p || null;
}
