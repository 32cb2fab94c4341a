import { commandChannels, fail, type Api, type ApiCommands, type ApiEvents, type Result } from '@shared/api'

/** How the socket is doing, for the UI. */
export type SocketStatus = 'connecting' | 'open' | 'closed'

/** What the WebSocket transport needs. */
export interface WebSocketApiOptions {
  /** The API's address with its token, e.g. `ws://127.0.0.1:8080/api?token=…`. */
  readonly url: string
  /** Told whenever the socket opens or closes. */
  readonly onStatus?: (status: SocketStatus) => void
  /** Milliseconds before a command without an answer fails (30 000). */
  readonly timeoutMs?: number
  readonly createSocket?: (url: string) => WebSocket
}

interface Pending {
  readonly resolve: (result: Result<unknown>) => void
  readonly timer: ReturnType<typeof setTimeout>
}

const MAX_RECONNECT_DELAY_MS = 5_000

/**
 * The contract over `gridkeeper serve`'s WebSocket: each command is a message `{id, method,
 * params}` answered `{id, result}`; events arrive as `{event, payload}`. A dropped socket is
 * reopened with backoff; commands in flight when it dropped fail with `disconnected` (their
 * outcome is then shown by the next state push, never by a blind resend).
 */
export function createWebSocketApi(options: WebSocketApiOptions): Api & { close(): void } {
  const listeners = new Map<keyof ApiEvents, Set<(payload: never) => void>>()
  const pending = new Map<number, Pending>()
  const queue: string[] = []
  let nextId = 1
  let socket: WebSocket | undefined
  let closed = false
  let delayMs = 250

  const open = () => {
    options.onStatus?.('connecting')
    const current = (options.createSocket ?? ((url) => new WebSocket(url)))(options.url)
    socket = current
    current.onopen = () => {
      delayMs = 250
      options.onStatus?.('open')
      for (const text of queue.splice(0)) current.send(text)
    }
    current.onmessage = (message: MessageEvent) => receive(String(message.data))
    current.onclose = () => {
      for (const [id, entry] of pending) {
        clearTimeout(entry.timer)
        entry.resolve(fail('disconnected', 'the connection to Gridkeeper dropped before the answer came; the dashboard shows what happened once it is back'))
        pending.delete(id)
      }
      if (closed) return
      options.onStatus?.('closed')
      setTimeout(open, delayMs)
      delayMs = Math.min(delayMs * 2, MAX_RECONNECT_DELAY_MS)
    }
  }

  const receive = (text: string) => {
    let message: { id?: unknown; result?: Result<unknown>; event?: keyof ApiEvents; payload?: unknown }
    try {
      message = JSON.parse(text) as typeof message
    } catch {
      return
    }
    if (typeof message.id === 'number' && message.result !== undefined) {
      const entry = pending.get(message.id)
      if (entry === undefined) return
      pending.delete(message.id)
      clearTimeout(entry.timer)
      entry.resolve(message.result)
    } else if (message.event !== undefined) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload as never)
    }
  }

  const call = (method: keyof ApiCommands, params: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++
      const timer = setTimeout(() => {
        pending.delete(id)
        resolve(fail('timeout', `${method} got no answer within ${(options.timeoutMs ?? 30_000) / 1000} s`))
      }, options.timeoutMs ?? 30_000)
      pending.set(id, { resolve, timer })
      const text = JSON.stringify(params === undefined ? { id, method } : { id, method, params })
      if (socket?.readyState === WebSocket.OPEN) socket.send(text)
      else queue.push(text)
    })

  open()
  const commands = Object.fromEntries(Object.keys(commandChannels).map((method) => [method, (params?: unknown) => call(method as keyof ApiCommands, params)]))
  return {
    ...(commands as unknown as ApiCommands),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(event, set)
      return () => void set.delete(listener as (payload: never) => void)
    },
    close() {
      closed = true
      socket?.close()
    }
  }
}

/** The API address of the page `gridkeeper serve` served, from its location (`#token=…`), or undefined without a token. */
export function serveApiUrl(location: Pick<Location, 'protocol' | 'host' | 'hash'>): string | undefined {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  if (token === null || token === '') return undefined
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api?token=${encodeURIComponent(token)}`
}
