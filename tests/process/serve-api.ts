import WebSocket from 'ws'

/** A connection to the API of a running `gridkeeper serve`, as its page makes one. */
export interface ServeApi {
  /** Sends a command and resolves with its result (`{ ok, value | error }`). */
  call(method: string, params?: unknown): Promise<{ readonly ok: boolean; readonly value?: unknown; readonly error?: { readonly code: string; readonly message: string } }>
  /** The events pushed so far, oldest first. */
  readonly events: { readonly event: string; readonly payload: unknown }[]
  close(): void
}

/** Opens the API socket of serve at the address it printed (`http://127.0.0.1:PORT/#token=…`). */
export async function connectServeApi(address: string): Promise<ServeApi> {
  const url = new URL(address)
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? ''
  const socket = new WebSocket(`ws://${url.host}/api?token=${token}`, { origin: url.origin })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  const events: { event: string; payload: unknown }[] = []
  const waiting = new Map<number, (result: never) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: never; event?: string; payload?: unknown }
    if (message.event !== undefined) events.push({ event: message.event, payload: message.payload })
    else if (typeof message.id === 'number') waiting.get(message.id)?.(message.result as never)
  })
  let next = 0
  return {
    events,
    call: (method, params) =>
      new Promise((resolve) => {
        next += 1
        waiting.set(next, resolve)
        socket.send(JSON.stringify({ id: next, method, ...(params === undefined ? {} : { params }) }))
      }),
    close: () => socket.close()
  }
}
