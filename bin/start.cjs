#!/usr/bin/env node
/**
 * Starts the desktop app from the built output (`npm start` runs it after `npm run build`).
 * Finds the Electron executable the way `electron/index.js` does, but never loads that file:
 * loading it downloads the runtime when it is missing. Where the desktop app cannot start (no
 * runtime, no display), it says why and starts `gridkeeper serve` instead.
 */
const { spawn } = require('node:child_process')
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join, relative } = require('node:path')

const projectDir = join(__dirname, '..')
const mainEntry = join(projectDir, 'out', 'main', 'index.js')

/** Returns the path of the Electron executable, or the reason there is none. */
function findElectron() {
  let packageDir
  try {
    packageDir = dirname(require.resolve('electron/package.json', { paths: [projectDir] }))
  } catch {
    return { reason: 'the electron package is not installed (run `npm install`)' }
  }
  const pathFile = join(packageDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const distDir = override || join(packageDir, 'dist')
  const candidate = join(distDir, executable || 'electron')
  if (!override && executable === '') {
    return { reason: `the Electron desktop runtime is not installed (${relative(projectDir, pathFile)} is missing)` }
  }
  if (!existsSync(candidate)) {
    return { reason: `the Electron desktop runtime is not installed (no executable at ${candidate})` }
  }
  return { executable: candidate }
}

/** Starts `gridkeeper serve` instead: the same engine and UI, in a browser. */
function startServe(reason) {
  console.error(`gridkeeper: cannot start the desktop app: ${reason}; starting \`gridkeeper serve\` instead: open the address it prints in a browser.`)
  const child = spawn(process.execPath, [join(projectDir, 'bin', 'gridkeeper.cjs'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('error', (error) => {
    console.error(`gridkeeper: cannot start gridkeeper serve either: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

/** Returns why no window can open here, or undefined (a Linux session without X11 or Wayland has no display). */
function noDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return undefined
  return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)'
}

function main() {
  if (!existsSync(mainEntry)) {
    console.error(`gridkeeper: cannot start the desktop app: ${relative(projectDir, mainEntry)} is missing; run \`npm run build\` first.`)
    return process.exit(1)
  }
  const electron = findElectron()
  if (!electron.executable) {
    return startServe(`${electron.reason} (install it with \`npx install-electron\` on a machine with internet access)`)
  }
  const headless = noDisplay()
  if (headless !== undefined) return startServe(headless)
  const env = { ...process.env }
  // Inherited from some terminals and editors, it would make Electron run as plain Node
  delete env.ELECTRON_RUN_AS_NODE
  const child = spawn(electron.executable, [projectDir], { stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('error', (error) => startServe(error.message))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

main()
