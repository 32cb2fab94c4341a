import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'

const projectRoot = resolve(__dirname, '..')
let project: string

/** Lays out a throwaway project with bin/start.cjs and an electron package without its runtime. */
function makeProject(): string {
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true })
  const dir = mkdtempSync(join(projectRoot, '.tmp', 'start-script-'))
  mkdirSync(join(dir, 'bin'))
  copyFileSync(join(projectRoot, 'bin', 'start.cjs'), join(dir, 'bin', 'start.cjs'))
  const electronDir = join(dir, 'node_modules', 'electron')
  mkdirSync(electronDir, { recursive: true })
  writeFileSync(join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '0.0.0', main: 'index.js' }))
  // Loading the real index.js downloads the runtime; this one leaves a mark instead
  writeFileSync(join(electronDir, 'index.js'), `require('fs').writeFileSync(${JSON.stringify(join(dir, 'loaded'))}, '')`)
  return dir
}

function build(dir: string): void {
  mkdirSync(join(dir, 'out', 'main'), { recursive: true })
  writeFileSync(join(dir, 'out', 'main', 'index.js'), '')
  // A stand-in for the command line: says how it was started
  writeFileSync(join(dir, 'bin', 'gridkeeper.cjs'), "console.log('gridkeeper ' + process.argv.slice(2).join(' ')); process.exit(4)\n")
}

function installRuntime(distDir: string): void {
  mkdirSync(distDir, { recursive: true })
  const executable = join(distDir, 'electron')
  writeFileSync(executable, '#!/bin/sh\necho "args=$* run-as-node=${ELECTRON_RUN_AS_NODE:-unset}"\nexit 3\n')
  chmodSync(executable, 0o755)
}

function start(env: Record<string, string> = {}) {
  const { ELECTRON_OVERRIDE_DIST_PATH: _ignored, ...inherited } = process.env
  const result = spawnSync(process.execPath, [join(project, 'bin', 'start.cjs')], {
    encoding: 'utf8',
    env: { ...inherited, ...env }
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('bin/start.cjs', () => {
  beforeEach(() => {
    project = makeProject()
  })

  afterEach(() => {
    rmSync(project, { recursive: true, force: true })
  })

  test('asks for a build when out/main/index.js is missing', () => {
    const { status, stderr } = start()
    expect(status).toBe(1)
    expect(stderr).toContain('run `npm run build` first')
  })

  test('says the runtime is not installed, in one line, without loading electron, and starts serve instead', () => {
    build(project)
    const { status, stdout, stderr } = start()
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('the Electron desktop runtime is not installed')
    expect(stderr).toContain('npx install-electron')
    expect(stderr).toContain('starting `gridkeeper serve` instead')
    expect(stdout.trim()).toBe('gridkeeper serve')
    expect(status).toBe(4)
    expect(existsSync(join(project, 'loaded'))).toBe(false)
  })

  test('says the runtime is not installed when path.txt names a missing executable, and starts serve', () => {
    build(project)
    writeFileSync(join(project, 'node_modules', 'electron', 'path.txt'), 'electron')
    const { status, stderr } = start()
    expect(stderr).toContain('no executable at')
    expect(status).toBe(4)
  })

  test('starts serve where there is no display to open a window on', () => {
    build(project)
    writeFileSync(join(project, 'node_modules', 'electron', 'path.txt'), 'electron')
    installRuntime(join(project, 'node_modules', 'electron', 'dist'))
    const { status, stdout, stderr } = start({ DISPLAY: '', WAYLAND_DISPLAY: '' })
    expect(stderr).toContain('there is no display')
    expect(stdout.trim()).toBe('gridkeeper serve')
    expect(status).toBe(4)
  })

  test('starts the installed runtime on the project and passes its exit code on', () => {
    build(project)
    writeFileSync(join(project, 'node_modules', 'electron', 'path.txt'), 'electron')
    installRuntime(join(project, 'node_modules', 'electron', 'dist'))
    const { status, stdout } = start({ ELECTRON_RUN_AS_NODE: '1', DISPLAY: ':0' })
    expect(status).toBe(3)
    expect(stdout.trim()).toBe(`args=${project} run-as-node=unset`)
  })

  test('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    build(project)
    const override = join(project, 'custom-electron')
    expect(start({ ELECTRON_OVERRIDE_DIST_PATH: override }).stderr).toContain(`no executable at ${join(override, 'electron')}`)
    installRuntime(override)
    expect(start({ ELECTRON_OVERRIDE_DIST_PATH: override, DISPLAY: ':0' }).status).toBe(3)
  })
})
