import net from 'node:net';

// A TCP proxy in front of the test server that a test switches off: with it off the server
// is unreachable for the page and for its service worker alike, which
// `context.setOffline(true)` alone does not achieve (playwright#2311).
export class SwitchableProxy {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  constructor(
    private target: number,
    public port: number,
  ) {}

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}
