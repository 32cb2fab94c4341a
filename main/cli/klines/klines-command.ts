import { EXIT, type CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { klinesDownloadCommand } from './klines-download-command'
import { klinesInspectCommand } from './klines-inspect-command'
import { KLINES_USAGE } from './klines-usage'

const SUBCOMMANDS = ['download', 'inspect'] as const

/** Runs `gridkeeper klines download|inspect` and returns its exit code. */
export async function klinesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args
  if (subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
    io.stdout(`${KLINES_USAGE}\n`)
    return EXIT.ok
  }
  switch (subcommand) {
    case 'download':
      return klinesDownloadCommand(rest, io)
    case 'inspect':
      return klinesInspectCommand(rest, io)
    case undefined:
      throw new CliUsageError(`name what to do: ${SUBCOMMANDS.join(', ')} (gridkeeper klines --help)`)
    default:
      throw new CliUsageError(`unknown klines command "${subcommand}"; klines commands: ${SUBCOMMANDS.join(', ')}`)
  }
}
