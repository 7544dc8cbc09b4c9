// A real HTTP server on a loopback address that records every request it gets. Tests talk only to it.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface LocalServer {
  port: number;
  /** A URL on this server with the given host spelling (default: the address it listens on). */
  url(path?: string, host?: string): string;
  requests: RecordedRequest[];
  /** Raw TCP connections accepted (counted even when no request line ever arrives). */
  connections: number;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** Listens on `host` (127.0.0.0/8 or ::1 only) and records each request before handing it to `handler`. */
export async function startServer(handler: Handler, host = '127.0.0.1'): Promise<LocalServer> {
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== '::1') throw new Error(`test servers listen on loopback only, not ${host}`);
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  const state = { connections: 0 };
  server.on('connection', (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = host.includes(':') ? `[${host}]` : host;
  return {
    port,
    url: (path = '/', h = base) => `http://${h}:${port}${path}`,
    requests,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
