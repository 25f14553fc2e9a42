import type { Duplex } from 'node:stream';

/** Remembers open sockets so `close()` can end tunnels that would otherwise keep a server up. */
export class SocketTracker {
  readonly #sockets = new Set<Duplex>();

  track(socket: Duplex): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }

  destroyAll(): void {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }
}
