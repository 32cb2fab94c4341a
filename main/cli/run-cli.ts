import { EXIT, type CliIo } from './cli-io'
import { CliUsageError } from './cli-usage-error'
import { keysCommand } from './keys/keys-command'
import { backtestCommand } from './backtest/backtest-command'
import { klinesCommand } from './klines/klines-command'
import { paperServerCommand } from './paper-server/paper-server-command'
import { planCommand } from './plan/plan-command'
import { runCommand } from './run/run-command'
import { serveCommand } from './serve/serve-command'

/** Usage text of `gridkeeper`. */
export const USAGE = `Usage: gridkeeper <command> [options]

Commands:
  plan           plan a grid from a symbol's exchange rules (gridkeeper plan --help)
  paper-server   serve a simulated Binance Spot exchange on loopback (gridkeeper paper-server --help)
  run            run one grid bot without the app against any endpoint (gridkeeper run --help)
  serve          run the app's engine and serve its UI to a browser (gridkeeper serve --help)
  keys           keep API keys in the OS keychain for run (gridkeeper keys --help)
  klines         download and inspect historical candles for backtests (gridkeeper klines --help)
  backtest       run a grid over historical candles on the trading engine (gridkeeper backtest --help)

gridkeeper --help shows this text; gridkeeper --version the version.`

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => Promise<number>>> = {
  plan: planCommand,
  'paper-server': paperServerCommand,
  run: runCommand,
  keys: keysCommand,
  serve: serveCommand,
  klines: klinesCommand,
  backtest: backtestCommand
}

/**
 * Runs the command line with the given arguments and returns the exit code. Bad input is one
 * line on stderr naming the problem and exit code 2; anything unexpected is reported and 2 too.
 */
export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`)
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`)
    return EXIT.ok
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (command === undefined) {
    io.stderr(`gridkeeper: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}\n`)
    return EXIT.usage
  }
  try {
    return await command(args, { ...io, version: io.version ?? version })
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`gridkeeper ${name}: ${error.message}\n`)
      return EXIT.usage
    }
    io.stderr(`gridkeeper ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    return EXIT.usage
  }
}
