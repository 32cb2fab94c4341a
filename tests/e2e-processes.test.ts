import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { runningProcesses, startGridkeeper } from './e2e/support/processes'

/** The command lines of the processes on the machine that run `gridkeeper paper-server` with this test's key. */
function strays(): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('paper-server --api-key e2e-processes-key'))
}

describe('the processes the browser specs start', () => {
  it('kills a process that never says it started, so a failed spec leaves nothing running', { timeout: 60_000 }, async () => {
    // paper-server prints its address, which this never accepts: the start times out
    const start = startGridkeeper(['paper-server', '--api-key', 'e2e-processes-key', '--api-secret', 's'.repeat(32)], {}, () => false, 3_000)
    await expect(start).rejects.toThrow(/did not start within 3000 ms/)
    for (let wait = 0; wait < 100 && (runningProcesses() > 0 || strays().length > 0); wait += 1) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(runningProcesses()).toBe(0)
    expect(strays()).toEqual([])
  })
})
