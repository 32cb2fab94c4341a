import type { Exchange } from '../../main/engine/exchange/port/exchange'

/**
 * One engine process's connection to the exchange. `kill()` is the process dying: from then on
 * no event reaches it and every call it makes waits forever, while calls already on the wire
 * still happen on the exchange (their answers are lost with the process).
 */
export function processExchange(exchange: Exchange): { readonly exchange: Exchange; readonly kill: () => void } {
  let alive = true
  const handler: ProxyHandler<Exchange> = {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown
      if (typeof value !== 'function') return value
      if (property === 'subscribeUserEvents' || property === 'subscribeTrades') {
        return (...args: unknown[]) => {
          const [first, second] = args
          const listener = (typeof first === 'function' ? first : second) as (event: unknown) => void
          const guarded = (event: unknown) => {
            if (alive) listener(event)
          }
          return (value as (...inner: unknown[]) => unknown).apply(target, typeof first === 'function' ? [guarded] : [first, guarded])
        }
      }
      return (...args: unknown[]) => {
        if (!alive) return new Promise(() => {})
        const answer = (value as (...inner: unknown[]) => Promise<unknown>).apply(target, args)
        // The answer of a call that was on the wire when the process died reaches nobody
        return answer.then(
          (result) => (alive ? result : new Promise(() => {})),
          (error: unknown) => (alive ? Promise.reject(error) : new Promise(() => {}))
        )
      }
    }
  }
  return { exchange: new Proxy(exchange, handler), kill: () => (alive = false) }
}
