import { describe, expect, it } from 'vitest'
import { describeIgnoredOverrides, readEnvironmentOverrides } from './environment-overrides'

const development = { packaged: false }
const packaged = { packaged: true }

describe('readEnvironmentOverrides in development and tests', () => {
  it('changes nothing in a plain environment', () => {
    expect(readEnvironmentOverrides({ HOME: '/home/ann' }, development)).toEqual({ service: {}, ignored: [] })
  })

  it('reads the data folder, a paper server with its key, and a testnet endpoint', () => {
    const overrides = readEnvironmentOverrides({ GRIDKEEPER_DATA_DIR: '/tmp/d', GRIDKEEPER_PAPER_SERVER: 'http://127.0.0.1:9/', GRIDKEEPER_API_KEY: 'k', GRIDKEEPER_API_SECRET: 's', GRIDKEEPER_TESTNET_URL: 'http://127.0.0.1:10' }, development)
    expect(overrides).toEqual({
      dataDir: '/tmp/d',
      service: {
        paperServer: { endpoints: { name: 'custom', rest: 'http://127.0.0.1:9', wsApi: 'ws://127.0.0.1:9', streams: 'ws://127.0.0.1:9' }, apiKey: 'k', apiSecret: 's' },
        endpoints: { testnet: { name: 'custom', rest: 'http://127.0.0.1:10', wsApi: 'ws://127.0.0.1:10', streams: 'ws://127.0.0.1:10' } }
      },
      ignored: []
    })
  })

  it('reads where backtests download klines, and a testnet on another host', () => {
    expect(readEnvironmentOverrides({ GRIDKEEPER_KLINES_URL: 'http://127.0.0.1:11/' }, development)).toEqual({ service: { klinesBaseUrl: 'http://127.0.0.1:11' }, ignored: [] })
    expect(readEnvironmentOverrides({ GRIDKEEPER_TESTNET_URL: 'https://testnet.example.org' }, development).service.endpoints?.testnet?.rest).toBe('https://testnet.example.org')
    expect(() => readEnvironmentOverrides({ GRIDKEEPER_KLINES_URL: 'file:///x' }, development)).toThrow('GRIDKEEPER_KLINES_URL must be an http(s):// URL')
  })

  it('names the variable that cannot be used', () => {
    expect(() => readEnvironmentOverrides({ GRIDKEEPER_PAPER_SERVER: 'http://127.0.0.1:9' }, development)).toThrow('GRIDKEEPER_PAPER_SERVER needs the paper server key')
    expect(() => readEnvironmentOverrides({ GRIDKEEPER_TESTNET_URL: 'ftp://x' }, development)).toThrow('GRIDKEEPER_TESTNET_URL must be an http(s):// URL, got "ftp://x"')
    expect(() => readEnvironmentOverrides({ GRIDKEEPER_TESTNET_URL: 'http://[nope' }, development)).toThrow('GRIDKEEPER_TESTNET_URL must be an http(s):// URL, got "http://[nope"')
  })
})

describe('readEnvironmentOverrides in a packaged app', () => {
  it('ignores addresses that are not this computer, so testnet keys cannot be sent to another host', () => {
    const overrides = readEnvironmentOverrides(
      { GRIDKEEPER_TESTNET_URL: 'https://testnet.evil.example', GRIDKEEPER_KLINES_URL: 'http://user:pw@10.0.0.8:9', GRIDKEEPER_PAPER_SERVER: 'http://192.168.1.2:9', GRIDKEEPER_API_KEY: 'k', GRIDKEEPER_API_SECRET: 's' },
      packaged
    )
    expect(overrides.service).toEqual({})
    expect(overrides.ignored).toEqual(['GRIDKEEPER_PAPER_SERVER (192.168.1.2 is not this computer)', 'GRIDKEEPER_TESTNET_URL (testnet.evil.example is not this computer)', 'GRIDKEEPER_KLINES_URL (10.0.0.8 is not this computer)'])
    expect(JSON.stringify(overrides)).not.toContain('pw')
  })

  it('takes addresses on this computer', () => {
    const overrides = readEnvironmentOverrides({ GRIDKEEPER_TESTNET_URL: 'http://localhost:10', GRIDKEEPER_KLINES_URL: 'http://127.0.0.1:11', GRIDKEEPER_PAPER_SERVER: 'http://[::1]:9', GRIDKEEPER_API_KEY: 'k', GRIDKEEPER_API_SECRET: 's' }, packaged)
    expect(overrides.ignored).toEqual([])
    expect(overrides.service.endpoints?.testnet?.rest).toBe('http://localhost:10')
    expect(overrides.service.klinesBaseUrl).toBe('http://127.0.0.1:11')
    expect(overrides.service.paperServer?.endpoints.rest).toBe('http://[::1]:9')
  })

  it('keeps its own data folder, and skips an unusable address instead of failing to start', () => {
    const overrides = readEnvironmentOverrides({ GRIDKEEPER_DATA_DIR: '/tmp/elsewhere', GRIDKEEPER_TESTNET_URL: 'ftp://x', GRIDKEEPER_PAPER_SERVER: 'https://paper.evil.example' }, packaged)
    expect(overrides).toEqual({
      service: {},
      ignored: ['GRIDKEEPER_PAPER_SERVER (paper.evil.example is not this computer)', 'GRIDKEEPER_TESTNET_URL (not an http(s) URL)', 'GRIDKEEPER_DATA_DIR (it keeps its own data folder)']
    })
  })

  it('says what it ignored in one line', () => {
    expect(describeIgnoredOverrides(['GRIDKEEPER_TESTNET_URL (testnet.evil.example is not this computer)', 'GRIDKEEPER_DATA_DIR (it keeps its own data folder)'])).toBe(
      'the installed app ignored GRIDKEEPER_TESTNET_URL (testnet.evil.example is not this computer), GRIDKEEPER_DATA_DIR (it keeps its own data folder): outside development it takes only addresses on this computer from the environment'
    )
  })
})
