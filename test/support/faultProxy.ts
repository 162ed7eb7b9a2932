// A small fault-injecting TCP proxy on 127.0.0.1 in front of a real peer (moto), so network failures are real
// socket behaviour rather than mocks. The HTTP-level modes (http500, malformed, skew, throttle, expired) answer
// with a hand-made wire response — a fake only for the failure itself; the success path always reaches moto.
import { createServer, connect, type Server, type Socket } from 'node:net';

/** What the proxy does with each new connection. */
export type FaultMode =
  | 'pass' // forward untouched
  | 'hang' // accept and never answer
  | 'refuse' // stop listening: connections are refused
  | 'reset' // accept, then reset the connection (RST)
  | 'slow' // forward with `latencyMs` added before each request chunk
  | 'http500' // answer 500 InternalFailure
  | 'malformed' // answer 200 with broken XML
  | 'skew' // answer 403 SignatureDoesNotMatch "Signature expired" with a Date header `skewSeconds` off
  | 'throttle' // answer 400 Throttling
  | 'expired'; // answer 403 ExpiredToken

/** A running proxy. */
export interface FaultProxy {
  endpoint: string;
  port: number;
  mode: FaultMode;
  setMode(mode: FaultMode, opts?: { latencyMs?: number; skewSeconds?: number }): Promise<void>;
  /** Connections accepted so far (to count round trips in the bench). */
  connections: number;
  /** Requests seen (HTTP-level modes and pass/slow count request heads). */
  requests: number;
  /** When each request head arrived (ms since epoch), to count rounds of requests. */
  requestTimes: number[];
  stop(): Promise<void>;
}

const xmlError = (type: string, code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>\n`;

function httpResponse(status: number, reason: string, body: string, extraHeaders: Record<string, string> = {}): string {
  const headers: Record<string, string> = {
    'Content-Type': 'text/xml',
    'Content-Length': String(Buffer.byteLength(body)),
    Date: new Date().toUTCString(),
    Connection: 'close',
    ...extraHeaders,
  };
  return `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
}

/** Reads one HTTP request (head + Content-Length body) from a socket, then calls `answer`. */
function onRequest(sock: Socket, answer: () => string, count: () => void): void {
  let buf = Buffer.alloc(0);
  sock.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    const end = buf.indexOf('\r\n\r\n');
    if (end === -1) return;
    const head = buf.subarray(0, end).toString('latin1');
    const len = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (buf.length < end + 4 + len) return;
    count();
    sock.end(answer());
  });
}

/** Starts a proxy to 127.0.0.1:`targetPort`. */
export async function startFaultProxy(targetPort: number, initial: FaultMode = 'pass'): Promise<FaultProxy> {
  let latencyMs = 100;
  let skewSeconds = 3600;
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const handle = (client: Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    proxy.connections++;
    const count = () => {
      proxy.requests++;
      proxy.requestTimes.push(Date.now());
    };
    switch (proxy.mode) {
      case 'hang':
        return; // keep it open, say nothing
      case 'reset':
        client.once('data', () => client.resetAndDestroy());
        return;
      case 'http500':
        return onRequest(client, () => httpResponse(500, 'Internal Server Error', xmlError('Receiver', 'InternalFailure', 'We encountered an internal error.')), count);
      case 'malformed':
        return onRequest(client, () => httpResponse(200, 'OK', '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1'), count);
      case 'throttle':
        return onRequest(client, () => httpResponse(400, 'Bad Request', xmlError('Sender', 'Throttling', 'Rate exceeded')), count);
      case 'expired':
        return onRequest(client, () => httpResponse(403, 'Forbidden', xmlError('Sender', 'ExpiredToken', 'The security token included in the request is expired')), count);
      case 'skew':
        return onRequest(
          client,
          () => {
            const serverNow = new Date(Date.now() + skewSeconds * 1000);
            const msg = `Signature expired: 20200101T000000Z is now earlier than ${serverNow.toISOString().replace(/[-:]|\.\d{3}/g, '')} (${serverNow.toISOString()} - 5 min.)`;
            return httpResponse(403, 'Forbidden', xmlError('Sender', 'SignatureDoesNotMatch', msg), { Date: serverNow.toUTCString() });
          },
          count,
        );
      default: {
        const slow = proxy.mode === 'slow';
        const upstream = connect({ host: '127.0.0.1', port: targetPort });
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        upstream.on('data', (d) => client.write(d));
        client.on('data', (d) => {
          if (d.includes('HTTP/1.1\r\n')) count();
          // Timers with the same delay fire in order, so the byte order is kept.
          if (slow) setTimeout(() => upstream.write(d), latencyMs);
          else upstream.write(d);
        });
      }
    }
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(handle);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        const a = s.address();
        port = typeof a === 'object' && a ? a.port : port;
        server = s;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      for (const so of sockets) so.destroy();
      sockets.clear();
      if (!s) return resolve();
      s.close(() => resolve());
    });

  const proxy: FaultProxy = {
    endpoint: '',
    port: 0,
    mode: initial,
    connections: 0,
    requests: 0,
    requestTimes: [],
    async setMode(mode, o = {}) {
      if (o.latencyMs !== undefined) latencyMs = o.latencyMs;
      if (o.skewSeconds !== undefined) skewSeconds = o.skewSeconds;
      const wasRefusing = proxy.mode === 'refuse';
      proxy.mode = mode;
      // Existing keep-alive connections would bypass the new mode: drop them.
      for (const so of sockets) so.destroy();
      sockets.clear();
      if (mode === 'refuse' && !wasRefusing) await close();
      if (mode !== 'refuse' && wasRefusing) await listen();
    },
    stop: close,
  };
  if (initial !== 'refuse') await listen();
  else {
    // Reserve a port number, then close it so connections are refused.
    await listen();
    const s = server as Server | null;
    server = null;
    await new Promise<void>((r) => (s ? s.close(() => r()) : r()));
  }
  proxy.port = port;
  proxy.endpoint = `http://127.0.0.1:${port}`;
  return proxy;
}
