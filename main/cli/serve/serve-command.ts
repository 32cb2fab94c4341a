import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../../service/default-data-dir'
import { KeytarKeyStore } from '../../keys/keytar-key-store'
import { AppService } from '../../service/app-service'
import { startServeServer } from '../../serve/serve-server'
import { EXIT, type CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { openDataDir } from '../data-dir-option'
import { choiceOption, integerOption } from '../read-option'
import { LOG_LEVELS } from '../run/file-logger'
import { runEndpoint } from '../run/run-endpoint'

/** Usage text of `gridkeeper serve`. */
export const SERVE_USAGE = `Usage: gridkeeper serve [--port N] [--host 127.0.0.1] [--data-dir DIR] [--log-level L]
                       [--paper-server URL [--paper-ws URL]] [--testnet URL] [--klines-url URL]

Runs the app's engine and serves its UI to a browser: Paper mode on the built-in paper exchange,
with the same bots, commands and screens as the desktop app. Prints the address to open; it holds
a token made for this start, and the UI refuses connections without it. SIGINT or SIGTERM stops
cleanly; the bots' orders stay on the exchange and the next start picks them up.

  --port N          the port to listen on (0, the default, takes a free one)
  --host H          the interface (127.0.0.1); anything but loopback exposes the UI to the network
  --data-dir DIR    the data folder: journal, paper account and log (the desktop app's own folder
                    when absent, ${defaultDataDir()} here)
  --log-level L     the least severe level written to standard output and the log (info)
  --paper-server U  trade on a paper server started separately (gridkeeper paper-server) at this
                    REST base instead of the built-in one; its key comes from GRIDKEEPER_API_KEY
                    and GRIDKEEPER_API_SECRET (the server's --api-key and --api-secret)
  --paper-ws URL    its WebSocket base when not the same host and port over ws://
  --testnet URL     Testnet mode trades on this Binance-compatible REST base (a paper server,
                    say; its WebSocket on the same host and port) instead of Binance's testnet
  --klines-url URL  backtests download klines from this REST base (GET /api/v3/klines, as
                    Binance answers it) instead of https://api.binance.com; they are cached in
                    the data folder's klines folder

API keys of the Testnet, Demo and Live modes are kept in the OS keychain (the Keys view, or
gridkeeper keys set --profile testnet|demo|live).

Exit codes: 0 stopped by a signal, 2 bad options or the app could not start.`

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  'log-level': { type: 'string' },
  'paper-server': { type: 'string' },
  'paper-ws': { type: 'string' },
  testnet: { type: 'string' },
  'klines-url': { type: 'string' },
  help: { type: 'boolean' }
} as const

/** Where the built renderer sits beside the built command line (out/main/cli.js → out/renderer). */
const RENDERER_DIR = join(__dirname, '..', 'renderer')

/** Runs `gridkeeper serve` until the process is asked to stop, and returns its exit code. */
export async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  let values: Partial<Record<keyof typeof OPTIONS, string | boolean>>
  try {
    values = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message.split('\n')[0]} (gridkeeper serve --help lists the options)`, { cause: error })
  }
  if (values.help === true) {
    io.stdout(`${SERVE_USAGE}\n`)
    return EXIT.ok
  }
  if (io.untilStopped === undefined) throw new CliUsageError('this command runs until stopped and needs a process that can be signalled')
  const stopped = io.untilStopped()
  const port = values.port === undefined ? 0 : integerOption(values, 'port')
  if (port > 65_535) throw new CliUsageError(`--port must be at most 65535, got ${port}`)
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1'
  const level = choiceOption(values, 'log-level', LOG_LEVELS, 'info')
  const dataDir = resolve(typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir(io.env))
  const paperServer = externalPaperServer(values, io.env ?? {})
  const klinesUrl = values['klines-url']
  if (typeof klinesUrl === 'string' && !/^https?:\/\/[^\s/]+/.test(klinesUrl)) throw new CliUsageError(`--klines-url must be an http or https URL, got "${klinesUrl}"`)
  const logger = openDataDir(dataDir, level, io)
  let service: AppService
  try {
    service = new AppService({
      dataDir,
      version: io.version ?? '0.0.0',
      logger,
      transport: 'websocket',
      keyStore: io.keyStore ?? new KeytarKeyStore(),
      ...(paperServer === undefined ? {} : { paperServer }),
      ...(typeof values.testnet === 'string' ? { endpoints: { testnet: runEndpoint(values.testnet, undefined) } } : {}),
      ...(typeof klinesUrl === 'string' ? { klinesBaseUrl: klinesUrl } : {})
    })
  } catch (error) {
    logger.close()
    throw new CliUsageError(`the app could not start: ${(error as Error).message}`, { cause: error })
  }
  const token = randomBytes(24).toString('base64url')
  let server
  try {
    server = await startServeServer({ host, port, token, rendererDir: io.rendererDir ?? RENDERER_DIR, handlers: service.handlers(), events: service.events, logger })
  } catch (error) {
    await service.stop()
    logger.close()
    throw new CliUsageError(`cannot listen on ${host}:${port}: ${(error as Error).message}`, { cause: error })
  }
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) logger.warn('the UI listens beyond loopback: anyone who can reach this address and has the token can trade', { host })
  io.stdout(`gridkeeper serve: open ${server.url}\n`)
  // A stop is heard while the mode still opens (an exchange that is slow to answer, say); the
  // service shows its own failures in the page, so one that escapes is logged, not fatal
  void service.start().catch((error: unknown) => logger.error('the app could not open its mode', { error: error instanceof Error ? error.message : String(error) }))
  const signal = await stopped
  logger.info(`stopping on ${signal}; the bots' orders stay on the exchange`)
  await server.close()
  await service.stop()
  logger.info('stopped')
  logger.close()
  return EXIT.ok
}

/** The separately started paper server `--paper-server` names, with its key from the environment. */
function externalPaperServer(values: Partial<Record<keyof typeof OPTIONS, string | boolean>>, env: Readonly<Record<string, string | undefined>>) {
  const rest = values['paper-server']
  if (typeof rest !== 'string') {
    if (values['paper-ws'] !== undefined) throw new CliUsageError('--paper-ws needs --paper-server')
    return undefined
  }
  const apiKey = env['GRIDKEEPER_API_KEY']
  const apiSecret = env['GRIDKEEPER_API_SECRET']
  if (apiKey === undefined || apiKey === '' || apiSecret === undefined || apiSecret === '') {
    throw new CliUsageError('--paper-server needs the key that paper server accepts in GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET')
  }
  return { endpoints: runEndpoint(rest, typeof values['paper-ws'] === 'string' ? values['paper-ws'] : undefined), apiKey, apiSecret }
}
