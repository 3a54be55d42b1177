/** At most `perHost` requests to one host and `total` in all, queued in order. */
export class Limiter {
  private active = 0;
  private perHostActive = new Map<string, number>();
  private queue: { host: string; start: () => void }[] = [];
  constructor(private total = 4, private perHost = 2) {}

  async run<T>(host: string, job: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => { this.queue.push({ host, start }); this.pump(); });
    try { return await job(); } finally {
      this.active--;
      this.perHostActive.set(host, this.perHostActive.get(host)! - 1);
      this.pump();
    }
  }

  private pump() {
    for (let i = 0; i < this.queue.length && this.active < this.total; i++) {
      const { host, start } = this.queue[i]!;
      if ((this.perHostActive.get(host) ?? 0) >= this.perHost) continue;
      this.queue.splice(i--, 1);
      this.active++;
      this.perHostActive.set(host, (this.perHostActive.get(host) ?? 0) + 1);
      start();
    }
  }
}
