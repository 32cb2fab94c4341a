/** The strategy switch read from the command line, and the arguments left for the other options. */
export type StrategyFlag = { readonly ok: true; readonly strategy: boolean; readonly args: string[] } | { readonly ok: false; readonly error: string }

const VALUES: Readonly<Record<string, boolean>> = { true: true, false: false, on: true, off: false, yes: true, no: false }

/**
 * Reads the strategy switch: on by default; `--no-strategy`, `--strategy false` or
 * `--strategy=false` turn it off; `--strategy`, `--strategy true` keep it on. The switch is taken
 * out of the arguments; anything else is left as it was.
 */
export function strategyFlag(argv: readonly string[]): StrategyFlag {
  let strategy = true
  const args: string[] = []
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string
    if (arg === '--no-strategy') {
      strategy = false
    } else if (arg === '--strategy' || arg.startsWith('--strategy=')) {
      const inline = arg.startsWith('--strategy=') ? arg.slice('--strategy='.length) : undefined
      const next = argv[index + 1]
      // A value follows unless the next argument is another option
      const separate = inline === undefined && next !== undefined && !next.startsWith('-') ? next : undefined
      if (separate !== undefined) index += 1
      const text = inline ?? separate ?? 'true'
      const value = Object.hasOwn(VALUES, text) ? VALUES[text] : undefined
      if (value === undefined) return { ok: false, error: `--strategy takes true or false, not "${text}"` }
      strategy = value
    } else {
      args.push(arg)
    }
  }
  return { ok: true, strategy, args }
}
