import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { customEndpoints, type BinanceEndpoints } from '../engine/exchange/binance/urls'
import { startPaperServer, type PaperServer } from '../engine/exchange/paper-server/paper-server'

/** The starting balances of a new paper account. */
export const PAPER_BALANCES: Readonly<Record<string, string>> = { USDT: '10000', BTC: '0', ETH: '0' }

/** Returns where Paper mode's paper account is kept in a data folder, `paper/account.json`. */
export function paperAccountPath(dataDir: string): string {
  return join(dataDir, 'paper', 'account.json')
}

/** Paper mode's exchange: the paper server on loopback, and what the Binance adapter needs to reach it. */
export interface PaperExchange {
  readonly server: PaperServer
  readonly endpoints: BinanceEndpoints
  readonly apiKey: string
  readonly apiSecret: string
  /** Stops the periodic save, saves the account and closes the server. */
  close(): Promise<void>
}

/** Settings of Paper mode. */
export interface PaperExchangeOptions {
  /** The data folder; the paper account is kept in `paper/account.json` there, so it survives restarts. */
  readonly dataDir: string
  /** Milliseconds between two synthetic price ticks (1000). */
  readonly tickMs?: number
  /** Calm-time volatility of one tick (the synthetic market's default when absent). */
  readonly volatility?: number
  /** Seed of the synthetic market (a random one when absent). */
  readonly seed?: number
  /** How often the account is written to its file while running (30 000 ms): a crash loses at most this much of it. */
  readonly saveIntervalMs?: number
  /** Told when a periodic save fails (the next one tries again). */
  readonly onSaveError?: (error: Error) => void
}

/**
 * Starts Paper mode's exchange: the paper server on a free loopback port with a synthetic market
 * and the account kept in the data folder, reached through the same Binance adapter as live. Its
 * API key is made up for this start and never stored: the server accepts only this process.
 */
export async function startPaperExchange(options: PaperExchangeOptions): Promise<PaperExchange> {
  const stateFile = paperAccountPath(options.dataDir)
  mkdirSync(dirname(stateFile), { recursive: true })
  const apiKey = `paper-${randomBytes(16).toString('hex')}`
  const apiSecret = randomBytes(32).toString('hex')
  const server = await startPaperServer({
    host: '127.0.0.1',
    port: 0,
    apiKeys: [{ apiKey, secret: apiSecret }],
    sim: { balances: PAPER_BALANCES },
    stateFile,
    seed: options.seed ?? randomBytes(4).readUInt32LE() % 2_147_483_647,
    priceSource: { kind: 'synthetic', intervalMs: options.tickMs ?? 1_000, ...(options.volatility === undefined ? {} : { volatility: options.volatility }) }
  })
  // Saved on close too, but a crash or a kill would lose everything since the start without this
  const saving = setInterval(() => {
    server.saveState().catch((error: unknown) => options.onSaveError?.(error as Error))
  }, options.saveIntervalMs ?? 30_000)
  return {
    server,
    endpoints: customEndpoints(server.restUrl, server.wsUrl),
    apiKey,
    apiSecret,
    close: async () => {
      clearInterval(saving)
      await server.close()
    }
  }
}
