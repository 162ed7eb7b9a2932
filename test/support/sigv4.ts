// A minimal SigV4 signer for the AWS query protocol (IAM, STS) — test set-up only, so that seeding moto
// does not depend on an IAM client we do not ship.
import { createHash, createHmac } from 'node:crypto';

/** Keys that sign a request (sessionToken for ASIA keys). */
export interface SigningKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (k: Buffer | string, s: string) => createHmac('sha256', k).update(s, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it. */
export function awsEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Signs a form-encoded POST to `/`; returns the headers to send. */
export function signQuery(
  keys: SigningKeys,
  o: { host: string; service: string; region: string; body: string; now?: Date },
): Record<string, string> {
  const now = o.now ?? new Date();
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: o.host,
    'x-amz-date': amzDate,
  };
  if (keys.sessionToken) headers['x-amz-security-token'] = keys.sessionToken;
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256(o.body)].join('\n');
  const scope = `${day}/${o.region}/${o.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let k = hmac('AWS4' + keys.secretAccessKey, day);
  k = hmac(k, o.region);
  k = hmac(k, o.service);
  k = hmac(k, 'aws4_request');
  const sig = createHmac('sha256', k).update(toSign, 'utf8').digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${keys.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${sig}`;
  return headers;
}

/** Form-encodes query parameters. */
export function formBody(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${awsEncode(k)}=${awsEncode(v)}`)
    .join('&');
}
