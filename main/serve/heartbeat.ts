import type { WebSocket } from 'ws'

/**
 * Pings every watched socket once per interval and closes one that has not answered the previous
 * ping: a client that vanished without closing (a sleeping laptop, a dropped network) or stopped
 * reading would otherwise hold its socket forever. Browsers answer pings by themselves.
 */
export class Heartbeat {
  private readonly answered = new Map<WebSocket, boolean>()
  private readonly timer: ReturnType<typeof setInterval>

  constructor(
    intervalMs: number,
    private readonly onSilent: (socket: WebSocket) => void
  ) {
    this.timer = setInterval(() => this.beat(), intervalMs)
    this.timer.unref()
  }

  /** Starts pinging a socket, until it closes. */
  watch(socket: WebSocket): void {
    this.answered.set(socket, true)
    socket.on('pong', () => {
      if (this.answered.has(socket)) this.answered.set(socket, true)
    })
    socket.once('close', () => this.answered.delete(socket))
  }

  /** Stops pinging. */
  stop(): void {
    clearInterval(this.timer)
    this.answered.clear()
  }

  private beat(): void {
    for (const [socket, answered] of this.answered) {
      if (!answered) {
        this.answered.delete(socket)
        this.onSilent(socket)
        socket.terminate()
        continue
      }
      this.answered.set(socket, false)
      socket.ping()
    }
  }
}
