import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// A person's first steps on a machine without libsecret-1-dev: clone, `npm install`, then the
// keys command and `npm start`'s way into Paper mode. One install, in a clone of this repository's
// HEAD (commit first to try a change here). pkg-config cannot find libsecret-1, and keytar's
// prebuilt binary points at a closed port, so keytar's build fails as it does on such a machine.

const ROOT = join(__dirname, '..', '..')
/** npm's cache and settings are the machine's, as a person's would be (the keyring wrapper moves HOME). */
const HOME = userInfo().homedir

let base = ''
let clone = ''
let install: { code: number | null; output: string; seconds: number } | undefined
const children: ChildProcess[] = []

/** The environment of a machine with Node.js and npm only: no npm settings of the run that started this, no project tools on PATH. */
function bareEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== 'INIT_CWD' && name !== 'DISPLAY' && name !== 'WAYLAND_DISPLAY') env[name] = value
  }
  env['PATH'] = (process.env['PATH'] ?? '').split(delimiter).filter((entry) => !entry.includes('node_modules')).join(delimiter)
  return { ...env, HOME, PKG_CONFIG_PATH: '/nonexistent', PKG_CONFIG_LIBDIR: '/nonexistent', npm_config_keytar_binary_host: 'http://127.0.0.1:9', ...extra }
}

/** Runs a command to its end; resolves with its exit code and everything it printed. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('error', (error) => resolve({ code: null, output: `${output}\n${error.message}` }))
    child.once('exit', (code) => resolve({ code, output }))
  })
}

/** Whether a folder above `path` holds node_modules, where Node would find this project's keytar. */
function nodeModulesAbove(path: string): string | undefined {
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'node_modules'))) return folder
    if (dirname(folder) === folder) return undefined
  }
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'gridkeeper-bare-install-'))
  const above = nodeModulesAbove(base)
  if (above !== undefined) throw new Error(`${above} holds node_modules, so the clone would find packages there; set TMPDIR to a folder outside any project`)
  clone = join(base, 'gridkeeper')
  const cloned = spawnSync('git', ['clone', '--quiet', ROOT, clone], { encoding: 'utf8' })
  if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`)
  const started = process.hrtime.bigint()
  const result = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--foreground-scripts'], clone, bareEnv())
  install = { ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
  // The figure for the record; nothing asserts it
  process.stdout.write(`bare install: npm install took ${install.seconds.toFixed(1)} s\n`)
}, 600_000)

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  if (base !== '') rmSync(base, { recursive: true, force: true })
})

describe('a clone installed where libsecret-1-dev is missing', () => {
  it('npm install exits 0, leaving out keytar, whose build failed', () => {
    expect(install?.code, install?.output).toBe(0)
    // keytar's own output: the prebuilt binary could not be fetched, and its build could not find libsecret
    expect(install?.output).toMatch(/prebuild-install warn install connect ECONNREFUSED/)
    expect(install?.output).toMatch(/Package libsecret-1 was not found/)
    expect(existsSync(join(clone, 'node_modules', 'keytar'))).toBe(false)
    expect(existsSync(join(clone, 'out', 'main', 'cli.js'))).toBe(true)
  })

  it('gridkeeper keys list says in one line that the keychain is missing and how to install it, and exits 2', () => {
    const result = spawnSync(process.execPath, [join(clone, 'bin', 'gridkeeper.cjs'), 'keys', 'list'], { cwd: clone, env: bareEnv(), encoding: 'utf8', timeout: 30_000 })
    expect({ code: result.status, stdout: result.stdout }).toEqual({ code: 2, stdout: '' })
    expect(result.stderr).toBe(
      'gridkeeper keys: the OS keychain is not available: Gridkeeper was installed without its keychain module (keytar), which needs libsecret to build; ' +
        'on Debian: sudo apt-get install libsecret-1-dev gnome-keyring, then npm install again; ' +
        'the keychain then works in a desktop session, or in a D-Bus session with gnome-keyring unlocked\n'
    )
  })

  it("npm start's way without a desktop runtime opens Paper mode in gridkeeper serve, and stops on SIGTERM", async () => {
    const dataDir = join(base, 'data')
    const child = spawn(process.execPath, [join(clone, 'bin', 'start.cjs'), '--data-dir', dataDir], { cwd: clone, env: bareEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const journal = join(dataDir, 'paper', 'journal.sqlite')
    const deadline = Date.now() + 60_000
    while (!(existsSync(journal) && /gridkeeper serve: open (\S+)/.test(output)) && child.exitCode === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const url = /gridkeeper serve: open (\S+)/.exec(output)?.[1]
    expect(url, output).toBeDefined()
    expect(existsSync(journal), output).toBe(true)
    const page = await fetch(url ?? '')
    expect(page.status).toBe(200)
    child.kill('SIGTERM')
    expect(await exited, output).toBe(0)
    expect(output).toContain('the OS keychain is not available: Gridkeeper was installed without its keychain module (keytar)')
    expect(output).not.toMatch(/ ERROR /)
    expect(JSON.parse(readFileSync(join(dataDir, 'preferences.json'), 'utf8'))).toMatchObject({ mode: 'paper' })
  }, 90_000)
})
