import type { ConnectionControls } from './paper-faults'
import type { PaperSocket } from './paper-socket'

/** Heartbeat timing: Binance pings every 20 s and drops a connection that has not answered within a minute. */
export interface HeartbeatSettings {
  readonly pingIntervalMs: number
  readonly pongTimeoutMs: number
}

/**
 * Every open WebSocket connection of the server, for heartbeats and for the connection faults:
 * drop (terminate without a close frame), silence, and serverShutdown followed by a close.
 */
export class SocketRegistry implements ConnectionControls {
  private readonly sockets = new Set<PaperSocket>()
  private readonly timer: NodeJS.Timeout

  constructor(heartbeat: HeartbeatSettings) {
    this.timer = setInterval(() => {
      const nowMs = Date.now()
      for (const socket of this.sockets) socket.heartbeat(nowMs, heartbeat.pongTimeoutMs)
    }, heartbeat.pingIntervalMs)
    this.timer.unref()
  }

  /** Tracks a connection until it closes. */
  add(socket: PaperSocket): void {
    this.sockets.add(socket)
    socket.ws.on('close', () => this.sockets.delete(socket))
  }

  /** Returns how many connections are open. */
  count(): number {
    return this.sockets.size
  }

  /** Closes every connection abruptly. */
  drop(): number {
    const count = this.sockets.size
    for (const socket of this.sockets) socket.ws.terminate()
    return count
  }

  /** Silences every current connection. */
  silence(): number {
    for (const socket of this.sockets) socket.silent = true
    return this.sockets.size
  }

  /** Lets every connection speak again. */
  restore(): void {
    for (const socket of this.sockets) socket.silent = false
  }

  /** Announces a shutdown on every connection in its own framing, then closes them. */
  shutdown(graceMs: number): number {
    const count = this.sockets.size
    const event = { e: 'serverShutdown', E: Date.now() }
    for (const socket of this.sockets) {
      socket.silent = false
      if (socket.kind === 'ws-api') socket.send({ event })
      else if (socket.combined) socket.send({ stream: '!serverShutdown', data: event })
      else socket.send(event)
      setTimeout(() => socket.ws.close(1001, 'server shutdown'), graceMs).unref()
    }
    return count
  }

  /** Stops the heartbeat and closes every connection. */
  close(): void {
    clearInterval(this.timer)
    for (const socket of this.sockets) socket.ws.terminate()
  }
}
