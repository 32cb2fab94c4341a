/**
 * npm run chaos -- --runs N --seed S [--steps N] [--crash-rate R] [--disconnect-rate R] [--bots 1|2] [--action-rate R] [--no-strategy | --strategy false]
 * Runs N chaos runs with seeds S, S+1, …, with the strategy mix unless it is turned off, prints
 * each violation with its seed and a trace, the faults injected and the actions taken per kind,
 * and ends with "chaos: R runs, V violations". Exit code 1 when any invariant broke.
 */
import { parseArgs } from 'node:util'
import { CHAOS_FAULTS, runChaosSeries } from './run-chaos'
import { strategyFlag } from './strategy-flag'

async function main(): Promise<number> {
  const flag = strategyFlag(process.argv.slice(2))
  if (!flag.ok) {
    process.stderr.write(`chaos: ${flag.error}\n`)
    return 2
  }
  const parsed = parseOptions(flag.args)
  if (!parsed.ok) {
    process.stderr.write(`chaos: ${parsed.error}\n`)
    return 2
  }
  const { values } = parsed
  const runs = Number(values.runs)
  const firstSeed = Number(values.seed)
  const steps = Number(values.steps)
  const crashRate = Number(values['crash-rate'])
  const disconnectRate = Number(values['disconnect-rate'])
  const bots = values.bots === '1' ? 1 : 2
  const actionRate = Number(values['action-rate'])
  for (const [name, value] of Object.entries({ runs, seed: firstSeed, steps, 'crash-rate': crashRate, 'disconnect-rate': disconnectRate, 'action-rate': actionRate })) {
    if (!Number.isFinite(value) || value < 0) {
      process.stderr.write(`chaos: --${name} must be a non-negative number\n`)
      return 2
    }
  }
  const started = performance.now()
  let violations = 0
  let fills = 0
  let crashes = 0
  const actions: Record<string, number> = {}
  const faults: Record<string, number> = {}
  for (let offset = 0; offset < runs; offset += 10) {
    const seeds = Array.from({ length: Math.min(10, runs - offset) }, (_, index) => firstSeed + offset + index)
    for (const result of await runChaosSeries(seeds, { steps, crashRate, disconnectRate, faults: CHAOS_FAULTS, bots, actionRate, strategy: flag.strategy })) {
      fills += result.fills
      crashes += result.crashes
      for (const [kind, count] of Object.entries(result.actions)) actions[kind] = (actions[kind] ?? 0) + count
      for (const [kind, count] of Object.entries(result.faults)) faults[kind] = (faults[kind] ?? 0) + count
      if (result.violations.length === 0) continue
      violations += result.violations.length
      process.stdout.write(`\nseed ${result.seed}: ${result.violations.length} violation(s)\n  ${result.violations.join('\n  ')}\n  trace:\n    ${result.trace.join('\n    ')}\n`)
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const counted = (entries: Record<string, number>) => Object.entries(entries).map(([kind, count]) => `${count} ${kind}`).join(', ')
  process.stdout.write(`${runs} runs of ${steps} steps in ${seconds} s${flag.strategy ? ' with the strategy mix' : ' without the strategy mix'}: ${fills} fills, ${crashes} crashes\n`)
  process.stdout.write(`faults injected: ${counted(faults)}\n`)
  process.stdout.write(`actions: ${Object.keys(actions).length === 0 ? 'none' : counted(actions)}\n`)
  process.stdout.write(`chaos: ${runs} runs, ${violations} violations\n`)
  return violations === 0 ? 0 : 1
}

const OPTIONS = {
  runs: { type: 'string', default: '100' },
  seed: { type: 'string', default: '1' },
  steps: { type: 'string', default: '200' },
  'crash-rate': { type: 'string', default: '0.03' },
  'disconnect-rate': { type: 'string', default: '0.02' },
  bots: { type: 'string', default: '2' },
  'action-rate': { type: 'string', default: '0.01' }
} as const

/** Reads the numeric options; an unknown option or a stray argument is refused with the reason. */
function parseOptions(args: string[]): { readonly ok: true; readonly values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'] } | { readonly ok: false; readonly error: string } {
  try {
    return { ok: true, values: parseArgs({ args, options: OPTIONS }).values }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

// A run that hangs lets the event loop empty with work pending, and Node would then exit 0
process.exitCode = 2
main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 2
  }
)
