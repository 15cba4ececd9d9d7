/**
 * A TCP proxy between one client and the gateway: `cut()` is a network drop for the clients behind it
 * (their sockets are destroyed without a close frame, new connections are reset) while everyone else
 * stays connected; `restore()` brings the network back on the same port.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** `ws://127.0.0.1:{port}/{path}` for a target `ws://host:port/path`. */
  url(targetUrl: string): string;
  cut(): void;
  restore(): void;
  /** Open client connections through the proxy. */
  readonly open: number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (targetUrl) => {
      const u = new URL(targetUrl);
      u.host = `127.0.0.1:${port}`;
      return u.toString().replace(/\/$/, '');
    },
    cut() {
      down = true;
      // A network drop: the client sees its TCP connection reset; the gateway sees its side go away.
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    restore() {
      down = false;
    },
    get open() {
      return pairs.size;
    },
    close: async () => {
      down = true;
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
