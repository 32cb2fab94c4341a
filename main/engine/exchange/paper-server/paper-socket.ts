import type { WebSocket } from 'ws'

/** What a connection serves: raw market streams (/ws), combined streams (/stream) or the WebSocket API. */
export type SocketKind = 'streams' | 'ws-api'

/**
 * One WebSocket connection of the paper server. It answers pings itself (so a silenced connection
 * can stop answering), sends JSON text frames, and can be silenced by a fault: then it sends
 * nothing and answers no ping until restored, like a connection that died without a close.
 */
export class PaperSocket {
  silent = false
  /** Stream frames are wrapped as `{stream, data}` (the /stream endpoint, or SET_PROPERTY combined). */
  combined = false
  private lastPongMs: number

  constructor(
    readonly ws: WebSocket,
    readonly kind: SocketKind,
    nowMs: number
  ) {
    this.lastPongMs = nowMs
    ws.on('ping', (data: Buffer) => {
      if (!this.silent) ws.pong(data)
    })
    ws.on('pong', () => {
      this.lastPongMs = Date.now()
    })
  }

  /** Sends one JSON frame unless the connection is silent or closed. */
  send(message: unknown): void {
    if (this.silent || this.ws.readyState !== this.ws.OPEN) return
    this.ws.send(JSON.stringify(message))
  }

  /** Sends a server ping, and closes a connection whose last pong is older than `timeoutMs`. */
  heartbeat(nowMs: number, timeoutMs: number): void {
    if (this.ws.readyState !== this.ws.OPEN) return
    if (nowMs - this.lastPongMs > timeoutMs) {
      this.ws.terminate()
      return
    }
    if (!this.silent) this.ws.ping()
  }
}
