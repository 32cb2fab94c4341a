import type { WebSocket } from 'ws'
import { fail } from '@shared/api'
import type { CommandHandlers } from '../api/command-handlers'
import { dispatchCommand } from '../api/dispatch-command'
import type { Logger } from '../engine/logging/logger'
import type { ServiceEvents } from '../service/service-events'
import type { ServeLimits } from './serve-limits'

/** The close code of a client disconnected for not reading (a policy violation). */
export const NOT_READING_CLOSE_CODE = 1008

/** What one API connection needs. */
export interface ApiConnectionOptions {
  readonly handlers: CommandHandlers
  readonly events: ServiceEvents
  readonly logger: Logger
  readonly limits: Pick<ServeLimits, 'maxUnsentBytes' | 'slowClientBytes' | 'maxCommandsInFlight' | 'closeGraceMs'>
}

/**
 * Serves the typed contract on one accepted WebSocket: each message `{id, method, params}` is
 * validated and answered `{id, result}`, and the service's events are pushed as `{event, payload}`.
 *
 * What the client leaves unread is bounded: at most `maxCommandsInFlight` commands run at once
 * (the socket is not read while more wait, so a flood stays in the client's own buffers), candle
 * updates are skipped while it is behind, and once its unsent replies and pushes pass
 * `maxUnsentBytes` it is disconnected with a close reason and its pending commands are dropped.
 */
export function serveApiConnection(client: WebSocket, options: ApiConnectionOptions): void {
  const { limits } = options
  const waiting: (string | null)[] = []
  let inFlight = 0
  let dropped = false

  const send = (message: unknown): void => {
    if (dropped || client.readyState !== client.OPEN) return
    client.send(JSON.stringify(message))
    if (client.bufferedAmount > limits.maxUnsentBytes) drop()
  }

  const drop = (): void => {
    dropped = true
    waiting.length = 0
    stopListening()
    const unsentBytes = client.bufferedAmount
    options.logger.warn(`disconnected an API client that stopped reading: ${megabytes(unsentBytes)} MB of replies and updates unsent`, { unsentBytes })
    client.close(NOT_READING_CLOSE_CODE, 'the client stopped reading its replies')
    // Read again, discarding commands, so the client's answer to the close frame is seen
    if (client.isPaused) client.resume()
    // A client that does not read never answers the close frame either
    const destroy = setTimeout(() => {
      options.logger.debug('destroyed the socket of an API client that did not read its close frame')
      client.terminate()
    }, limits.closeGraceMs)
    client.once('close', () => clearTimeout(destroy))
  }

  const pump = (): void => {
    while (!dropped && inFlight < limits.maxCommandsInFlight && waiting.length > 0) {
      const text = waiting.shift() as string | null
      inFlight += 1
      void answer(text)
        .catch((error: unknown) => options.logger.error('an API command could not be answered', { error: String(error) }))
        .finally(() => {
          inFlight -= 1
          pump()
        })
    }
    if (dropped) return
    // Stop reading while commands wait: the flood stays in the client's own buffers
    if (waiting.length > 0 && !client.isPaused) client.pause()
    else if (waiting.length === 0 && client.isPaused) client.resume()
  }

  const answer = async (text: string | null): Promise<void> => {
    const request = parse(text)
    if ('error' in request) {
      send({ id: null, result: fail('bad-message', request.error) })
      return
    }
    const result = await dispatchCommand(options.handlers, request.method, request.params)
    send({ id: request.id, result })
  }

  const stopListening = options.events.listen((event, payload) => {
    if (event === 'candle' && client.bufferedAmount > limits.slowClientBytes) return
    send({ event, payload })
  })
  client.on('close', stopListening)
  client.on('error', stopListening)
  client.on('message', (data, isBinary) => {
    if (dropped) return
    waiting.push(isBinary ? null : data.toString())
    pump()
  })
}

function parse(text: string | null): { id: number | string; method: unknown; params: unknown } | { error: string } {
  let message: unknown
  try {
    message = text === null ? undefined : JSON.parse(text)
  } catch {
    message = undefined
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { error: 'a message must be a JSON object {id, method, params}' }
  const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown }
  if (typeof id !== 'number' && typeof id !== 'string') return { error: 'a message needs an id (a number or a string)' }
  return { id, method, params }
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1)
}
