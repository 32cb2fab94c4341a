import type { SimWorld } from '../engine/harness'

/** Turns every random fault of the simulator off (every rate it has, whatever its kinds). */
export function faultsOff(world: SimWorld): void {
  const off = Object.fromEntries(
    Object.entries(world.exchange.faults.settings())
      .filter(([name, value]) => name.endsWith('Rate') && typeof value === 'number')
      .map(([name]) => [name, 0])
  )
  world.exchange.faults.configure(off)
}

/**
 * Lets the engine settle by itself: only the virtual clock and the exchange's events move, for
 * `durationMs` in steps of five seconds (the clock wakes every sleeper due within a step in order,
 * letting its work run; the engine's own retries, reconnect handling and periodic reconciliation
 * run meanwhile; nothing is called on it).
 */
export async function settleEngine(world: SimWorld, durationMs: number): Promise<void> {
  for (let waited = 0; waited < durationMs; waited += 5_000) await world.quiesce(1, 5_000)
}
