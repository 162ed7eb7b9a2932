// Endpoint precedence against botocore's configured-endpoint-urls suite (shared/conformance), plus STS defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boolSetting, configuredEndpoint, defaultStsEndpoint, proxyFor, bypassesProxy, chooseRegion } from '../../src/core/endpoints';
import type { Section } from '../../src/core/model';

interface Suite {
  profiles: Record<string, Record<string, string>>;
  services: Record<string, Record<string, Record<string, string>>>;
  client_configs: Record<string, { endpoint_url?: string; ignore_configured_endpoint_urls?: boolean }>;
  environments: Record<string, Record<string, string>>;
  endpointUrlTests: { name: string; profile: string; client_config: string; environment: string; service: string; output: { endpointUrl: string } }[];
}
const file = join(__dirname, '..', 'fixtures', 'conformance', 'botocore', 'configured-endpoint-urls', 'profile-tests.json');

test('botocore configured-endpoint-urls: every case', () => {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { testSuites: Suite[] };
  let n = 0;
  for (const s of data.testSuites) {
    const services: Record<string, Section> = {};
    for (const [name, subs] of Object.entries(s.services)) services[name] = { name, settings: subs, sources: [], keySources: {} };
    for (const c of s.endpointUrlTests) {
      const cc = s.client_configs[c.client_config]!;
      const settings = s.profiles[c.profile]!;
      const choice = configuredEndpoint({
        service: c.service,
        env: s.environments[c.environment]!,
        settings,
        services,
        ...(cc.endpoint_url ? { clientEndpoint: cc.endpoint_url } : {}),
        ...(cc.ignore_configured_endpoint_urls !== undefined ? { clientIgnore: cc.ignore_configured_endpoint_urls } : {}),
      });
      const url = choice.url ?? `https://${c.service}.${settings.region}.amazonaws.com`;
      assert.equal(url, c.output.endpointUrl, c.name);
      n++;
    }
  }
  assert.equal(n, 39);
});

test('STS default endpoint: regional by default, global only under legacy for the old regions', () => {
  assert.equal(defaultStsEndpoint('eu-west-1', undefined), 'https://sts.eu-west-1.amazonaws.com');
  assert.equal(defaultStsEndpoint('eu-west-1', 'legacy'), 'https://sts.amazonaws.com');
  assert.equal(defaultStsEndpoint('af-south-1', 'legacy'), 'https://sts.af-south-1.amazonaws.com');
  assert.equal(defaultStsEndpoint('cn-north-1', undefined), 'https://sts.cn-north-1.amazonaws.com.cn');
  assert.equal(defaultStsEndpoint('aws-global', undefined), 'https://sts.amazonaws.com');
  assert.equal(defaultStsEndpoint('eu-west-1', 'legacy', { fips: true }), 'https://sts-fips.eu-west-1.amazonaws.com');
  assert.equal(defaultStsEndpoint('us-gov-west-1', undefined, { fips: true }), 'https://sts.us-gov-west-1.amazonaws.com');
  assert.equal(defaultStsEndpoint('eu-west-1', undefined, { dualstack: true }), 'https://sts.eu-west-1.api.aws');
  assert.equal(defaultStsEndpoint('us-east-1', undefined, { fips: true, dualstack: true }), 'https://sts-fips.us-east-1.api.aws');
  assert.equal(boolSetting({ AWS_USE_FIPS_ENDPOINT: 'false' }, 'AWS_USE_FIPS_ENDPOINT', { use_fips_endpoint: 'true' }, 'use_fips_endpoint'), false, 'env beats the file');
  assert.equal(boolSetting({}, 'AWS_USE_FIPS_ENDPOINT', { use_fips_endpoint: 'True' }, 'use_fips_endpoint'), true);
});

test('a region is always chosen, the CLI way', () => {
  assert.deepEqual(chooseRegion({ AWS_DEFAULT_REGION: 'eu-west-3', AWS_REGION: 'us-west-2' }, { region: 'ap-south-1' }), { region: 'eu-west-3', from: 'AWS_DEFAULT_REGION' });
  assert.equal(chooseRegion({ AWS_REGION: 'us-west-2' }, { region: 'ap-south-1' }).region, 'ap-south-1');
  assert.equal(chooseRegion({ AWS_REGION: 'us-west-2' }, {}).region, 'us-west-2');
  assert.deepEqual(chooseRegion({}, {}), { region: 'us-east-1', from: 'fallback' });
});

test('proxy: explicit beats HTTPS_PROXY; NO_PROXY suffixes, ports and * bypass', () => {
  const env = { HTTPS_PROXY: 'http://corp:3128', NO_PROXY: '.internal,localhost,127.0.0.1:4566' };
  assert.equal(proxyFor('https://sts.us-east-1.amazonaws.com', env), 'http://corp:3128');
  assert.equal(proxyFor('https://sts.us-east-1.amazonaws.com', env, 'http://vscode:8080'), 'http://vscode:8080');
  assert.equal(proxyFor('https://sts.aws.internal', env), null);
  assert.equal(proxyFor('http://127.0.0.1:4566', { ...env, HTTP_PROXY: 'http://corp:3128' }), null);
  assert.equal(proxyFor('http://127.0.0.1:5000', { ...env, HTTP_PROXY: 'http://corp:3128' }), 'http://corp:3128');
  assert.equal(proxyFor('http://127.0.0.1:5000', env), null, 'plain http does not use HTTPS_PROXY');
  assert.equal(bypassesProxy('anything.example', '443', '*'), true);
  assert.equal(bypassesProxy('notinternal', '443', '.internal'), false);
});
