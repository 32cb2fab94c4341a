import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadKlinesFile } from './load-klines-file'
import { binanceCsvLine, freqtradeJson, minuteKlines } from './stubs'
import { symbolFromFileName } from './symbol-from-file-name'

let folder = ''
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gridkeeper-klines-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('loadKlinesFile', () => {
  it('loads a file, taking the symbol from its name unless one is given', async () => {
    const csv = join(folder, 'BTCUSDT-1m-2024-01.csv')
    await writeFile(csv, minuteKlines(3).map((kline) => binanceCsvLine(kline)).join('\n'))
    expect(await loadKlinesFile(csv)).toMatchObject({ symbol: 'BTCUSDT', interval: '1m', length: 3 })
    expect(await loadKlinesFile(csv, { symbol: 'ETHUSDT' })).toMatchObject({ symbol: 'ETHUSDT' })
    const json = join(folder, 'candles.json')
    await writeFile(json, freqtradeJson(minuteKlines(2)))
    expect(await loadKlinesFile(json)).toMatchObject({ symbol: null, length: 2 })
  })

  it('names the path in errors', async () => {
    const bad = join(folder, 'bad.csv')
    await writeFile(bad, '1704067200000,1,1,1\n')
    await expect(loadKlinesFile(bad)).rejects.toThrow(`${bad} line 1: has 4 columns`)
  })
})

describe('symbolFromFileName', () => {
  it.each([
    ['data/BTCUSDT-1m-2024-01.csv', 'BTCUSDT'],
    ['BTC_USDT-1m.json', 'BTCUSDT'],
    ['ETHUSDT-1h.csv', 'ETHUSDT'],
    ['candles.csv', null],
    ['btcusdt-1m.csv', null]
  ])('%s', (path, symbol) => {
    expect(symbolFromFileName(path)).toBe(symbol)
  })
})
