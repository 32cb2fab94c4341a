import { spawn, spawnSync } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPaperServer } from '../main/engine/exchange/paper-server/paper-server'
import { openOrderLabels, waitUntil } from '../main/engine/exchange/paper-server/stubs'
import { KEYCHAIN_SERVICE } from '../main/keys/keytar-key-store'

// The built `gridkeeper` command against the real OS keychain: `npm test` runs this inside
// tests/run-keyring.sh (a D-Bus session with an unlocked gnome-keyring). Without one it fails.

const ROOT = join(__dirname, '..')
const BIN = join(ROOT, 'bin', 'gridkeeper.cjs')
const PROFILE = `p-${randomBytes(4).toString('hex')}`
const ED25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim()
const KEYS = { apiKey: `keychain-${randomBytes(16).toString('hex')}`, apiSecret: ED25519 }
/** The base64 body of the private key: it must never show in any output. */
const SECRET_BODY = ED25519.split('\n')[1] ?? ''
const CONFIG = {
  id: 'kc1',
  symbol: 'BTCUSDT',
  grid: { lower: '55000', upper: '65000', grids: 10, spacing: 'arithmetic', investment: '1000', baseHeld: '0' }
}

/** The environment of a child: the keyring session's, with no keys in it. */
function childEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides }
  delete env['GRIDKEEPER_API_KEY']
  delete env['GRIDKEEPER_API_SECRET']
  return env
}

/** Runs the built `gridkeeper` command to its end with the given standard input. */
function gridkeeper(args: readonly string[], input = '', env = childEnv()) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, env, encoding: 'utf8', timeout: 30_000 })
  expect(result.stdout + result.stderr).not.toContain(SECRET_BODY)
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const masked = `${KEYS.apiKey.slice(0, 4)}…${KEYS.apiKey.slice(-4)}`
let dir = ''

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)')
  mkdirSync(join(ROOT, '.tmp'), { recursive: true })
  dir = mkdtempSync(join(ROOT, '.tmp', 'cli-keys-'))
})

afterAll(async () => {
  await keytar.deletePassword(KEYCHAIN_SERVICE, PROFILE)
  rmSync(dir, { recursive: true, force: true })
})

describe('gridkeeper keys and run with the OS keychain (separate processes)', () => {
  it('saves a key and an Ed25519 PEM secret from standard input, lists them masked, and never prints the secret', () => {
    expect(gridkeeper(['keys', 'set', '--profile', PROFILE], `${KEYS.apiKey}\n${ED25519}\n`)).toEqual({
      code: 0,
      stdout: `saved the keys of profile "${PROFILE}" in the OS keychain: API key ${masked}\n`,
      stderr: ''
    })
    const list = gridkeeper(['keys', 'list'])
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n').some((line) => new RegExp(`^${PROFILE} +${masked}$`).test(line)), list.stdout).toBe(true)
    expect(list.stdout).not.toContain(KEYS.apiKey)
    const json = gridkeeper(['keys', 'list', '--json'])
    expect(JSON.parse(json.stdout)).toContainEqual({ profile: PROFILE, maskedKey: masked })
  })

  it('runs a bot with the keys of the profile, logging only the masked key', { timeout: 30_000 }, async () => {
    const server = await startPaperServer({ apiKeys: [{ apiKey: KEYS.apiKey, secret: KEYS.apiSecret }], sim: { balances: { USDT: '10000', BTC: '0' }, prices: { BTCUSDT: '60000.00' } } })
    try {
      const config = join(dir, 'bot.json')
      writeFileSync(config, JSON.stringify(CONFIG))
      const child = spawn(process.execPath, [BIN, 'run', '--config', config, '--endpoint', server.restUrl, '--profile', PROFILE, '--data-dir', join(dir, 'data')], {
        cwd: ROOT,
        env: childEnv(),
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      await waitUntil('the grid', async () => (await openOrderLabels(server)).length === 10, 20_000)
      child.kill('SIGTERM')
      // The process ends up to 10 s after it logs "stopped": run-session's stop grace timer
      expect(await exited, output).toBe(0)
      expect(output).toContain(`trading with the API key ${masked} from profile "${PROFILE}" in the OS keychain`)
      const log = readFileSync(join(dir, 'data', 'gridkeeper.log'), 'utf8')
      for (const text of [output, log]) {
        expect(text).not.toContain(SECRET_BODY)
        expect(text).not.toContain(KEYS.apiKey)
      }
    } finally {
      await server.close()
    }
  })

  it('deletes the profile, after which run names both ways to give keys', () => {
    expect(gridkeeper(['keys', 'delete', '--profile', PROFILE])).toEqual({ code: 0, stdout: `deleted the keys of profile "${PROFILE}" from the OS keychain\n`, stderr: '' })
    expect(gridkeeper(['keys', 'delete', '--profile', PROFILE]).code).toBe(1)
    const run = gridkeeper(['run', '--config', join(dir, 'bot.json'), '--endpoint', 'testnet', '--profile', PROFILE, '--data-dir', join(dir, 'data')])
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `gridkeeper run: no API keys: set GRIDKEEPER_API_KEY and GRIDKEEPER_API_SECRET, or save the keys of profile "${PROFILE}" in the OS keychain with gridkeeper keys set --profile ${PROFILE}\n`
    })
  })

  it('says the keychain is not available, and what makes it answer, when there is no D-Bus session', () => {
    const noBus = childEnv({ XDG_RUNTIME_DIR: dir })
    delete noBus['DBUS_SESSION_BUS_ADDRESS']
    delete noBus['DISPLAY']
    expect(gridkeeper(['keys', 'list'], '', noBus)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'gridkeeper keys: the OS keychain is not available: no Secret Service answered; on Debian it is gnome-keyring (sudo apt-get install gnome-keyring), ' +
        'running and unlocked in a desktop session or in a D-Bus session\n'
    })
  })
})
