import { describe, expect, it } from 'vitest'
import type { KeyStore } from '../../keys/key-store'
import { KeychainUnavailableError } from '../../keys/keychain-unavailable-error'
import { MemoryKeyStore } from '../../keys/memory-key-store'
import { runCli } from '../run-cli'

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A'
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j'
const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIFZ8kGMr0Cw7H6JpJWkWKYUeXGZsR8Vd3VfYB2Lx8fK3\n-----END PRIVATE KEY-----'

/** Runs `gridkeeper keys …` in-process with the given store and standard input. */
async function keys(store: KeyStore | undefined, stdin: string | undefined, ...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    readTextFile: async () => '',
    ...(store === undefined ? {} : { keyStore: store }),
    ...(stdin === undefined ? {} : { readStdin: async () => stdin })
  }
  const code = await runCli(['keys', ...argv], io, '9.9.9')
  for (const secret of [SECRET, 'MC4CAQAwBQYDK2VwBCIEIFZ8', 'raw-secret']) {
    expect(stdout).not.toContain(secret)
    expect(stderr).not.toContain(secret)
  }
  return { code, stdout, stderr }
}

describe('gridkeeper keys', () => {
  it('sets keys from standard input (key on the first line, secret on the next), lists them masked and deletes them', async () => {
    const store = new MemoryKeyStore()
    expect(await keys(store, `${KEY}\n${SECRET}\n`, 'set', '--profile', 'testnet')).toEqual({
      code: 0,
      stdout: 'saved the keys of profile "testnet" in the OS keychain: API key vmPU…Eh8A\n',
      stderr: ''
    })
    expect(await store.load('testnet')).toEqual({ apiKey: KEY, apiSecret: SECRET })
    expect(await keys(store, undefined, 'list')).toEqual({ code: 0, stdout: 'profile  API key\ntestnet  vmPU…Eh8A\n', stderr: '' })
    expect(await keys(store, undefined, 'list', '--json')).toEqual({ code: 0, stdout: '[{"profile":"testnet","maskedKey":"vmPU…Eh8A"}]\n', stderr: '' })
    expect(await keys(store, undefined, 'delete', '--profile', 'testnet')).toEqual({ code: 0, stdout: 'deleted the keys of profile "testnet" from the OS keychain\n', stderr: '' })
    expect(await store.load('testnet')).toBeUndefined()
    expect(await keys(store, undefined, 'list')).toEqual({
      code: 0,
      stdout: 'no API keys are saved in the OS keychain (gridkeeper keys set --profile NAME saves some)\n',
      stderr: ''
    })
    expect(await keys(store, undefined, 'list', '--json')).toEqual({ code: 0, stdout: '[]\n', stderr: '' })
  })

  it('takes a PEM private key over several lines as the secret, with Windows line ends, and replaces earlier keys', async () => {
    const store = new MemoryKeyStore()
    await store.save('live', { apiKey: 'OLDKEY-0123456789', apiSecret: 'old' })
    const input = `${KEY}\n${PEM}\n`.replaceAll('\n', '\r\n')
    const result = await keys(store, input, 'set', '--profile', 'live')
    expect(result).toEqual({ code: 0, stdout: 'replaced the keys of profile "live" in the OS keychain: API key vmPU…Eh8A\n', stderr: '' })
    expect(await store.load('live')).toEqual({ apiKey: KEY, apiSecret: PEM })
  })

  it.each([
    ['', 'standard input is empty: give the API key on the first line and the secret after it'],
    ['\n\n', 'standard input is empty: give the API key on the first line and the secret after it'],
    [`${KEY}\n`, 'no API secret on standard input: give it after the API key, from the second line on'],
    [`\n${SECRET}\n`, 'the first line of standard input is empty: it must be the API key'],
    [`${KEY} raw-secret\n${SECRET}\n`, 'the API key contains whitespace or control characters'],
    [`${KEY}\nraw-secret\u0000\n`, 'the API secret contains control characters other than line breaks']
  ])('refuses standard input %j with exit 2, never echoing it', async (input, message) => {
    const store = new MemoryKeyStore()
    expect(await keys(store, input, 'set', '--profile', 'testnet')).toEqual({ code: 2, stdout: '', stderr: `gridkeeper keys: ${message}\n` })
    expect(await store.list()).toEqual([])
  })

  it.each([
    [['set'], '--profile is required'],
    [['set', '--profile', 'Test Net'], 'profile names are 1 to 32 lowercase letters, digits and hyphens, starting with a letter or digit; got "Test Net"'],
    [['delete', '--profile=-x'], 'profile names are 1 to 32 lowercase letters, digits and hyphens, starting with a letter or digit; got "-x"'],
    [['set', '--profile', 'live', '--json'], '--json does not apply to keys set'],
    [['list', '--profile', 'live'], '--profile does not apply to keys list'],
    [[], 'name what to do: set, list, delete (gridkeeper keys --help)'],
    [['show'], 'unknown keys command "show"; keys commands: set, list, delete'],
    [['list', 'extra'], 'unexpected argument "extra" (gridkeeper keys --help)'],
    [['list', '--api-secret', 'raw-secret'], "Unknown option '--api-secret'"]
  ])('refuses %j with one line on stderr and exit 2', async (argv, message) => {
    const { code, stdout, stderr } = await keys(new MemoryKeyStore(), `${KEY}\n${SECRET}`, ...argv)
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' })
    expect(stderr).toMatch(new RegExp(`^gridkeeper keys: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\n$`))
  })

  it('exits 1 for a profile with nothing to delete', async () => {
    expect(await keys(new MemoryKeyStore(), undefined, 'delete', '--profile', 'demo')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'gridkeeper keys: no API keys are saved as profile "demo"\n'
    })
  })

  it('lists an entry that cannot be read with its problem, exits 1, and leaves it in place', async () => {
    const store = new MemoryKeyStore()
    store.writeRawEntry('demo', 'raw-secret')
    await store.save('live', { apiKey: KEY, apiSecret: SECRET })
    const problem = 'the OS keychain entry of profile "demo" cannot be read: it is not JSON; it was left as it is (save the keys again or delete the profile)'
    expect(await keys(store, undefined, 'list')).toEqual({ code: 1, stdout: `profile  API key\ndemo     unreadable\nlive     vmPU…Eh8A\n\n${problem}\n`, stderr: '' })
    const json = await keys(store, undefined, 'list', '--json')
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toEqual([{ profile: 'demo', problem }, { profile: 'live', maskedKey: 'vmPU…Eh8A' }])
    expect(store.readRawEntry('demo')).toBe('raw-secret')
  })

  it('reports a missing keychain as one line and exit 2', async () => {
    const unavailable = new KeychainUnavailableError('Cannot autolaunch D-Bus without X11 $DISPLAY')
    const store: KeyStore = {
      save: () => Promise.reject(unavailable),
      load: () => Promise.reject(unavailable),
      remove: () => Promise.reject(unavailable),
      list: () => Promise.reject(unavailable)
    }
    for (const argv of [['list'], ['set', '--profile', 'live'], ['delete', '--profile', 'live']]) {
      expect(await keys(store, `${KEY}\n${SECRET}`, ...argv)).toEqual({
        code: 2,
        stdout: '',
        stderr: 'gridkeeper keys: the OS keychain is not available: Cannot autolaunch D-Bus without X11 $DISPLAY\n'
      })
    }
  })

  it('prints its usage with --help, and is listed by gridkeeper --help', async () => {
    const help = await keys(undefined, undefined, '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: gridkeeper keys set --profile NAME < FILE\n {7}gridkeeper keys list \[--json\]/)
    expect((await keys(undefined, undefined, 'set', '--help')).stdout).toBe(help.stdout)
    let usage = ''
    await runCli(['--help'], { stdout: (text) => void (usage += text), stderr: () => undefined, readTextFile: async () => '' }, '9.9.9')
    expect(usage).toContain('keys           keep API keys in the OS keychain for run (gridkeeper keys --help)')
  })
})
