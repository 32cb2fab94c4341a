import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { atomicWriteFile } from './atomic-write-file'

/** The candles cached for one UTC month, as lines of Binance's klines CSV (no header, times in ms), oldest first. */
export interface CachedMonth {
  readonly lines: readonly string[]
  /** True when the month is over and was fetched to its end: it is never fetched again. */
  readonly complete: boolean
}

/**
 * Klines kept on disk, one file per symbol, interval and UTC month in Binance's klines CSV layout:
 * `<folder>/BTCUSDT/1m/2024-01.csv` for a finished month, `<folder>/BTCUSDT/1m/2024-01.partial.csv`
 * for one that is still running or whose download was interrupted. Every write is atomic.
 */
export class KlinesCache {
  constructor(readonly folder: string) {}

  /** Returns the path of a month's file: the finished one, or the partial one. */
  monthPath(symbol: string, interval: string, month: string, complete: boolean): string {
    return join(this.folder, symbol, interval, `${month}${complete ? '' : '.partial'}.csv`)
  }

  /** Returns what is cached for a month (the finished file first), or undefined when nothing is. */
  async read(symbol: string, interval: string, month: string): Promise<CachedMonth | undefined> {
    const cached = await this.readText(symbol, interval, month)
    return cached === undefined ? undefined : { lines: cached.text.split('\n').filter((line) => line !== ''), complete: cached.complete }
  }

  /** Returns a month's file as it is (the finished file first), or undefined when nothing is cached. */
  async readText(symbol: string, interval: string, month: string): Promise<{ readonly text: string; readonly complete: boolean } | undefined> {
    for (const complete of [true, false]) {
      const text = await readIfPresent(this.monthPath(symbol, interval, month, complete))
      if (text !== undefined) return { text, complete }
    }
    return undefined
  }

  /** Saves a month's lines; saving it complete also removes its partial file. */
  async write(symbol: string, interval: string, month: string, lines: readonly string[], complete: boolean): Promise<string> {
    const path = this.monthPath(symbol, interval, month, complete)
    await atomicWriteFile(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`)
    if (complete) await rm(this.monthPath(symbol, interval, month, false), { force: true })
    return path
  }
}

/** Returns the open time of a cached line (its first cell), in milliseconds. */
export function openTimeOfLine(line: string): number {
  const comma = line.indexOf(',')
  return Number(comma < 0 ? line : line.slice(0, comma))
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
