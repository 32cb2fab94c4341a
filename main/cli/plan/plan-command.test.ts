import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../run-cli'

const FIXTURES = join(__dirname, '..', '..', 'engine', 'exchange', 'rules', 'fixtures')
const MODERN = join(FIXTURES, 'exchange-info-modern.json')

/** Runs the CLI in-process and captures what it prints. */
async function run(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    readTextFile: async (path: string) => readFile(path, 'utf8')
  }
  const code = await runCli(argv, io, '9.9.9')
  return { code, stdout, stderr }
}

const BTC = ['plan', '--exchange-info', MODERN, '--symbol', 'BTCUSDT', '--lower', '55000', '--upper', '65000', '--grids', '10', '--investment', '1000', '--price', '60000']

describe('gridkeeper plan --json', () => {
  it('prints exactly one JSON object with every number as a decimal string', async () => {
    const { code, stdout, stderr } = await run(...BTC, '--json')
    expect([code, stderr]).toEqual([0, ''])
    expect(stdout.trim().split('\n')).toHaveLength(1)
    const plan = JSON.parse(stdout)
    expect(Object.keys(plan)).toEqual(
      expect.arrayContaining(['symbol', 'spacing', 'price', 'levels', 'profitPerGrid', 'minInvestment', 'baseRequired', 'problems'])
    )
    expect(plan).toMatchObject({ symbol: 'BTCUSDT', spacing: 'arithmetic', price: '60000', priceAssumed: false, problems: [] })
    expect(plan.levels).toHaveLength(11)
    expect(plan.levels[0]).toEqual({ index: 0, price: '55000', side: 'BUY', quantity: '0.00184', notional: '101.2' })
    expect(plan.levels[5]).toEqual({ index: 5, price: '60000', side: 'NONE', quantity: '0', notional: '0' })
    expect(plan.levels[10]).toEqual({ index: 10, price: '65000', side: 'SELL', quantity: '0.00158', notional: '102.7' })
    expect(plan.profitPerGrid).toEqual({ minPct: '1.3594', maxPct: '1.6146' })
    expect(plan.baseRequired).toBe('0.00817')
    const strings = [plan.minInvestment, plan.baseRequired, plan.profitPerGrid.minPct, ...plan.levels.flatMap((l: Record<string, unknown>) => [l.price, l.quantity, l.notional])]
    for (const value of strings) expect(value).toMatch(/^\d+(\.\d+)?$/)
  })

  it('exits 1 and lists the problems of a plan that has them', async () => {
    const { code, stdout } = await run(...BTC.slice(0, -2), '--investment', '20', '--price', '60000', '--json')
    expect(code).toBe(1)
    const plan = JSON.parse(stdout)
    expect(plan.problems.length).toBeGreaterThan(0)
    expect(plan.problems[0]).toMatchObject({ level: 0, code: 'BELOW_MIN_NOTIONAL' })
  })

  it('assumes the middle of the range when no price is given, and says so', async () => {
    const { stdout } = await run('plan', '--exchange-info', MODERN, '--symbol', 'btcusdt', '--lower', '100', '--upper', '201', '--grids', '2', '--investment', '1000', '--json')
    expect(JSON.parse(stdout)).toMatchObject({ symbol: 'BTCUSDT', price: '150.5', priceAssumed: true })
  })
})

describe('gridkeeper plan, readable table', () => {
  it('shows the levels from the top, the figures and the verdict', async () => {
    const { code, stdout } = await run(...BTC)
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[0]).toBe('BTCUSDT: arithmetic grid, 10 grids from 55000 to 65000, price 60000')
    expect(lines[2]).toBe('level  price  side  quantity (BTC)  notional (USDT)')
    expect(lines[3]).toBe('   10  65000  SELL         0.00158            102.7')
    expect(stdout).toContain('Profit per grid after maker fees: 1.3594 % to 1.6146 %')
    expect(stdout).toContain('No problems: every order passes every filter of the symbol.')
  })
})

describe('gridkeeper plan, bad input: one line on stderr and exit 2', () => {
  it.each([
    [['--symbol', 'NOPEUSDT'], `gridkeeper plan: symbol NOPEUSDT is not in ${MODERN} (2 symbols)\n`],
    [['--grids', 'ten'], 'gridkeeper plan: --grids must be a whole number, got "ten"\n'],
    [['--lower', '1e3'], 'gridkeeper plan: --lower must be a plain decimal number such as 0.001, got "1e3"\n'],
    [['--spacing', 'log'], 'gridkeeper plan: --spacing must be one of arithmetic, geometric, got "log"\n'],
    [['--lower', '70000'], 'gridkeeper plan: upper (65000) must be above lower (70000)\n'],
    [['--exchange-info', '/nonexistent/info.json'], 'gridkeeper plan: cannot read --exchange-info /nonexistent/info.json: no such file\n'],
    [['--colour', 'red'], "gridkeeper plan: Unknown option '--colour' (gridkeeper plan --help lists the options)\n"]
  ])('%j', async (change, message) => {
    const argv = [...BTC]
    for (let index = 0; index < change.length; index += 2) {
      const at = argv.indexOf(change[index] as string)
      if (at === -1) argv.push(change[index] as string, change[index + 1] as string)
      else argv[at + 1] = change[index + 1] as string
    }
    const { code, stdout, stderr } = await run(...argv)
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message })
  })

  it('names a missing required option', async () => {
    const { code, stderr } = await run('plan', '--exchange-info', MODERN)
    expect([code, stderr]).toEqual([2, 'gridkeeper plan: --symbol is required\n'])
  })

  it('says why a file is not an exchangeInfo response', async () => {
    const { code, stderr } = await run(...BTC.slice(0, 1), '--exchange-info', join(FIXTURES, '..', 'stubs.ts'), ...BTC.slice(3))
    expect(code).toBe(2)
    expect(stderr).toMatch(/^gridkeeper plan: --exchange-info .*stubs\.ts is not JSON: /)
  })

  it('says why a symbol with malformed rules cannot be planned', async () => {
    const args = ['plan', '--exchange-info', join(FIXTURES, 'exchange-info-2026.json'), '--symbol', 'BROKENUSDT', '--lower', '1', '--upper', '2', '--grids', '2', '--investment', '100']
    const { code, stderr } = await run(...args)
    expect(code).toBe(2)
    expect(stderr).toContain('symbol BROKENUSDT in')
    expect(stderr).toContain('has unusable rules: BROKENUSDT.filters.PRICE_FILTER.tickSize must be a decimal, got "a penny"')
  })
})

describe('gridkeeper', () => {
  it('prints usage, version, and refuses unknown commands', async () => {
    expect((await run('--version')).stdout).toBe('9.9.9\n')
    expect((await run('--help')).stdout).toContain('plan           plan a grid')
    expect(await run('fly')).toEqual({ code: 2, stdout: '', stderr: 'gridkeeper: unknown command "fly"; commands: plan, paper-server, run, keys, serve, klines, backtest\n' })
    expect((await run('plan', '--help')).stdout).toContain('Usage: gridkeeper plan --exchange-info FILE')
  })
})
