import { describe, expect, it } from 'vitest'
import { ServerTime } from './server-time'

describe('ServerTime', () => {
  it('measures the offset around one request, hands it on, and shares a sync already running', async () => {
    let wall = 1_000_000
    const offsets: number[] = []
    let requests = 0
    const time = new ServerTime({
      wallNowMs: () => wall,
      fetchServerTimeMs: async () => {
        requests += 1
        wall += 40
        return 1_000_000 + 5_000
      },
      onOffset: (offset) => offsets.push(offset)
    })
    const [first, second] = await Promise.all([time.sync(), time.sync()])
    expect([first, second, requests]).toEqual([4_980, 4_980, 1])
    expect(offsets).toEqual([4_980])
    expect(time.serverNowMs()).toBe(wall + 4_980)
  })

  it('syncs once when stale and not again while fresh', async () => {
    let wall = 0
    let requests = 0
    const time = new ServerTime({ wallNowMs: () => wall, fetchServerTimeMs: async () => (requests += 1) && wall, onOffset: () => undefined, maxAgeMs: 1_000 })
    expect(time.isSynced()).toBe(false)
    await time.ensureFresh()
    await time.ensureFresh()
    expect(requests).toBe(1)
    wall += 1_000
    await time.ensureFresh()
    expect(requests).toBe(2)
  })
})
