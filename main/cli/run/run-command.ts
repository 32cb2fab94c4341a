import { statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parseBotConfig, type BotConfig } from '@shared/config/bot-config'
import type { Journal } from '../../engine/journal'
import { findJournalTraces } from '../../service/journal-traces'
import { LOG_FILE } from '../../service/log-bot-names'
import { EXIT, type CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { openDataDir } from '../data-dir-option'
import { readOptionJson } from '../read-input-file'
import { choiceOption, requiredText } from '../read-option'
import { LOG_LEVELS } from './file-logger'
import { openRunJournal } from './open-run-journal'
import { resolveRunApiKeys } from './run-api-keys'
import { runEndpoint } from './run-endpoint'
import { startRunSession, type RunSession } from './run-session'

/** Usage text of `gridkeeper run`. */
export const RUN_USAGE = `Usage: gridkeeper run --config FILE --endpoint live|testnet|demo|URL [--ws URL]
                     [--profile NAME] [--data-dir DIR] [--log-level debug|info|warn|error]
                     [--new-journal]

Runs one grid bot without the app: creates it on the first run, and on every later run with the
same data directory restores it (its journal reconciled with the exchange, every fill the bot
missed answered) and carries on. SIGINT or SIGTERM stops it cleanly; its orders stay on the
exchange and the next run picks them up.

  --config FILE     the bot's configuration, JSON in the bot configuration format (see the README);
                    a changed file is applied on the next run as a configuration change
  --endpoint E      live, testnet, demo, or the REST base URL of a paper server or another
                    Binance-compatible exchange, e.g. http://127.0.0.1:8765
  --ws URL          its WebSocket base when not the same host and port over ws://
  --profile NAME    the API key profile in the OS keychain (the endpoint's name: live, testnet or
                    demo; paper for a URL endpoint)
  --data-dir DIR    where the journal (journal.sqlite) and the log (gridkeeper.log) are kept
                    (~/.gridkeeper when absent)
  --log-level L     the least severe level written to standard output and the log (info)
  --new-journal     start over on purpose where the journal cannot be used: lost (missing or
                    empty while the data directory shows there was one), damaged, or another
                    program's. The old files are kept, renamed with the date; the exchange still
                    holds the old bot's orders, so a bot id they carry is refused: give the new
                    bot another id. Refused while the journal can be used.

A journal is created only in a data directory with no trace of an earlier one (its files, a log
naming a bot); otherwise run refuses and says what it found, as a new journal would not know the
old bot's orders and would send them again. Before creating a bot it asks the exchange for orders
whose client order ids carry the bot's id (gk-<id>-), and refuses to reuse them.

API keys come from GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET when both are set, otherwise from
the profile in the OS keychain, saved there with gridkeeper keys set (gridkeeper keys --help). The
secret is an HMAC secret, or an Ed25519 or RSA private key in PEM; it is never printed or logged.

Exit codes: 0 stopped by a signal, 2 bad options, no API keys, or the bot could not start.`

const OPTIONS = {
  config: { type: 'string' },
  endpoint: { type: 'string' },
  ws: { type: 'string' },
  profile: { type: 'string' },
  'data-dir': { type: 'string' },
  'log-level': { type: 'string' },
  'new-journal': { type: 'boolean' },
  help: { type: 'boolean' }
} as const

/** Runs `gridkeeper run` until the process is asked to stop, and returns its exit code. */
export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  let values: Partial<Record<keyof typeof OPTIONS, string | boolean>>
  try {
    values = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message.split('\n')[0]} (gridkeeper run --help lists the options)`, { cause: error })
  }
  if (values.help === true) {
    io.stdout(`${RUN_USAGE}\n`)
    return EXIT.ok
  }
  if (io.untilStopped === undefined) throw new CliUsageError('this command runs until stopped and needs a process that can be signalled')
  // Listening starts now: a signal during start-up stops the bot as soon as it is up
  const stopped = io.untilStopped()
  const config = await readConfig(io, requiredText(values, 'config'))
  const endpoints = runEndpoint(requiredText(values, 'endpoint'), typeof values.ws === 'string' ? values.ws : undefined)
  const level = choiceOption(values, 'log-level', LOG_LEVELS, 'info')
  const { keys, source } = await resolveRunApiKeys({
    env: io.env ?? {},
    keyStore: io.keyStore,
    profile: typeof values.profile === 'string' ? values.profile : undefined,
    endpoint: requiredText(values, 'endpoint')
  })
  const dataDir = resolve(typeof values['data-dir'] === 'string' ? values['data-dir'] : join(homedir(), '.gridkeeper'))
  const journalPath = join(dataDir, 'journal.sqlite')
  // Read before this run writes its first line to the log, which names the bot
  const traces = hasJournal(journalPath) ? [] : findJournalTraces({ dataDir, journalPath, logPath: join(dataDir, LOG_FILE) })
  const logger = openDataDir(dataDir, level, io)
  logger.info(`trading with the ${source}`, { botId: config.id })
  let journal: Journal
  try {
    journal = openRunJournal({ journalPath, traces, newJournal: values['new-journal'] === true, nowMs: Date.now(), logger })
  } catch (error) {
    logger.close()
    throw error
  }
  // A stop during the start ends the start's waits (a rate limit, a backoff) at once
  const stopping = new AbortController()
  void stopped.then(() => stopping.abort())
  let session: RunSession
  try {
    session = await startRunSession({ config, endpoints, apiKey: keys.apiKey, apiSecret: keys.apiSecret, journal, logger, signal: stopping.signal })
  } catch (error) {
    if (stopping.signal.aborted) {
      logger.info(`stopped on ${await stopped} while the bot was starting; its orders stay on the exchange`, { botId: config.id, reason: (error as Error).message })
      logger.close()
      return EXIT.ok
    }
    logger.error('the bot could not start', { error: (error as Error).message })
    logger.close()
    throw new CliUsageError(`the bot could not start: ${(error as Error).message}`, { cause: error })
  }
  const signal = await stopped
  logger.info(`stopping on ${signal}; the bot's orders stay on the exchange`, { botId: config.id })
  await session.stop()
  logger.info('stopped', { botId: config.id })
  logger.close()
  return EXIT.ok
}

/** Tells whether a journal file with something in it is there (only then no trace of an earlier one is needed). */
function hasJournal(path: string): boolean {
  try {
    return statSync(path).size > 0
  } catch {
    return false
  }
}

async function readConfig(io: CliIo, path: string): Promise<BotConfig> {
  const json = await readOptionJson(io, path, '--config')
  const parsed = parseBotConfig(json)
  if (!parsed.ok) throw new CliUsageError(`--config ${path} is not a valid bot configuration: ${parsed.errors.join('; ')}`)
  return parsed.config
}
