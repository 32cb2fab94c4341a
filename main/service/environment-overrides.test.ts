import { describe, expect, it } from 'vitest'
import { readEnvironmentOverrides } from './environment-overrides'

describe('readEnvironmentOverrides', () => {
  it('changes nothing in a plain environment', () => {
    expect(readEnvironmentOverrides({ HOME: '/home/ann' })).toEqual({ service: {} })
  })

  it('reads the data folder, a paper server with its key, and a testnet endpoint', () => {
    const overrides = readEnvironmentOverrides({ GRIDKEEPER_DATA_DIR: '/tmp/d', GRIDKEEPER_PAPER_SERVER: 'http://127.0.0.1:9/', GRIDKEEPER_API_KEY: 'k', GRIDKEEPER_API_SECRET: 's', GRIDKEEPER_TESTNET_URL: 'http://127.0.0.1:10' })
    expect(overrides).toEqual({
      dataDir: '/tmp/d',
      service: {
        paperServer: { endpoints: { name: 'custom', rest: 'http://127.0.0.1:9', wsApi: 'ws://127.0.0.1:9', streams: 'ws://127.0.0.1:9' }, apiKey: 'k', apiSecret: 's' },
        endpoints: { testnet: { name: 'custom', rest: 'http://127.0.0.1:10', wsApi: 'ws://127.0.0.1:10', streams: 'ws://127.0.0.1:10' } }
      }
    })
  })

  it('reads where backtests download klines', () => {
    expect(readEnvironmentOverrides({ GRIDKEEPER_KLINES_URL: 'http://127.0.0.1:11/' })).toEqual({ service: { klinesBaseUrl: 'http://127.0.0.1:11' } })
    expect(() => readEnvironmentOverrides({ GRIDKEEPER_KLINES_URL: 'file:///x' })).toThrow('GRIDKEEPER_KLINES_URL must be an http(s):// URL')
  })

  it('names the variable that cannot be used', () => {
    expect(() => readEnvironmentOverrides({ GRIDKEEPER_PAPER_SERVER: 'http://127.0.0.1:9' })).toThrow('GRIDKEEPER_PAPER_SERVER needs the paper server key')
    expect(() => readEnvironmentOverrides({ GRIDKEEPER_TESTNET_URL: 'ftp://x' })).toThrow('GRIDKEEPER_TESTNET_URL must be an http(s):// URL, got "ftp://x"')
  })
})
