import { parseArgs } from 'node:util'
import { maskApiKey } from '../../keys/mask-api-key'
import { checkProfileName } from '../../keys/profile-name'
import { EXIT, type CliIo } from '../cli-io'
import { CliUsageError } from '../cli-usage-error'
import { formatTable } from '../format-table'
import { requiredText, type OptionValues } from '../read-option'
import { callKeyStore } from './key-store-call'
import { readApiKeysInput } from './read-api-keys-input'

/** Usage text of `gridkeeper keys`. */
export const KEYS_USAGE = `Usage: gridkeeper keys set --profile NAME < FILE
       gridkeeper keys list [--json]
       gridkeeper keys delete --profile NAME

Keeps exchange API keys in the OS keychain (the Secret Service on Linux, the Keychain on macOS,
the Credential Manager on Windows): one entry per profile, under the service "Gridkeeper".
gridkeeper run takes its keys from the profile named by its --profile, by default the endpoint's
name (live, testnet, demo), or paper for a URL endpoint.

  set      saves the profile's keys, replacing any it had. The API key is the first line of
           standard input and the secret the rest (an HMAC secret, or an Ed25519 or RSA private
           key in PEM), so neither shows in the shell history or the process list:
             gridkeeper keys set --profile testnet < testnet-keys.txt
             { echo "$API_KEY"; cat ed25519-private.pem; } | gridkeeper keys set --profile live
           At a terminal, type or paste them and end with Ctrl-D.
  list     the saved profiles with their API keys masked (abcd…wxyz); secrets are never shown
  delete   removes the profile's keys

  --profile NAME   1 to 32 lowercase letters, digits and hyphens
  --json           list as one JSON array of {"profile","maskedKey"} (or {"profile","problem"})

Exit codes: 0 done, 1 nothing to delete or an entry that cannot be read, 2 bad options, bad input
or no keychain.`

const OPTIONS = {
  profile: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' }
} as const

const SUBCOMMANDS = ['set', 'list', 'delete'] as const

/** Runs `gridkeeper keys set|list|delete` and returns its exit code. */
export async function keysCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed: { values: OptionValues; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: true })
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message.split('\n')[0]} (gridkeeper keys --help lists the options)`, { cause: error })
  }
  const { values, positionals } = parsed
  if (values['help'] === true) {
    io.stdout(`${KEYS_USAGE}\n`)
    return EXIT.ok
  }
  const [subcommand, ...extra] = positionals
  if (subcommand === undefined) throw new CliUsageError(`name what to do: ${SUBCOMMANDS.join(', ')} (gridkeeper keys --help)`)
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}" (gridkeeper keys --help)`)
  switch (subcommand) {
    case 'set':
      refuse(values, 'json', subcommand)
      return setKeys(io, requiredText(values, 'profile'))
    case 'list':
      refuse(values, 'profile', subcommand)
      return listKeys(io, values['json'] === true)
    case 'delete':
      refuse(values, 'json', subcommand)
      return deleteKeys(io, requiredText(values, 'profile'))
    default:
      throw new CliUsageError(`unknown keys command "${subcommand}"; keys commands: ${SUBCOMMANDS.join(', ')}`)
  }
}

function refuse(values: OptionValues, option: string, subcommand: string): void {
  if (values[option] !== undefined) throw new CliUsageError(`--${option} does not apply to keys ${subcommand}`)
}

async function setKeys(io: CliIo, profile: string): Promise<number> {
  const keyStore = requireKeyStore(io)
  if (io.readStdin === undefined) throw new CliUsageError('keys set reads the keys from standard input, and there is none')
  await callKeyStore(async () => checkProfileName(profile))
  const keys = readApiKeysInput(await io.readStdin())
  const existed = await callKeyStore(async () => (await keyStore.list()).some((entry) => entry.profile === profile))
  await callKeyStore(() => keyStore.save(profile, keys))
  const verb = existed ? 'replaced the keys of' : 'saved the keys of'
  io.stdout(`${verb} profile "${profile}" in the OS keychain: API key ${maskApiKey(keys.apiKey)}\n`)
  return EXIT.ok
}

async function listKeys(io: CliIo, json: boolean): Promise<number> {
  const keyStore = requireKeyStore(io)
  const profiles = await callKeyStore(() => keyStore.list())
  const unreadable = profiles.filter((entry) => entry.problem !== undefined)
  if (json) {
    io.stdout(`${JSON.stringify(profiles.map((entry) => (entry.problem === undefined ? { profile: entry.profile, maskedKey: entry.maskedKey } : { profile: entry.profile, problem: entry.problem })))}\n`)
  } else if (profiles.length === 0) {
    io.stdout('no API keys are saved in the OS keychain (gridkeeper keys set --profile NAME saves some)\n')
  } else {
    const rows = profiles.map((entry) => [entry.profile, entry.maskedKey ?? 'unreadable'])
    io.stdout(`${formatTable(['profile', 'API key'], rows, ['left', 'left'])}\n`)
    for (const entry of unreadable) io.stdout(`\n${entry.problem}\n`)
  }
  return unreadable.length === 0 ? EXIT.ok : EXIT.problems
}

async function deleteKeys(io: CliIo, profile: string): Promise<number> {
  const keyStore = requireKeyStore(io)
  if (!(await callKeyStore(() => keyStore.remove(profile)))) {
    io.stderr(`gridkeeper keys: no API keys are saved as profile "${profile}"\n`)
    return EXIT.problems
  }
  io.stdout(`deleted the keys of profile "${profile}" from the OS keychain\n`)
  return EXIT.ok
}

function requireKeyStore(io: CliIo): NonNullable<CliIo['keyStore']> {
  if (io.keyStore === undefined) throw new CliUsageError('this command needs the OS keychain')
  return io.keyStore
}
