import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..')
const CLI = join(ROOT, 'out', 'main', 'cli.js')

/**
 * Loads the built command line (everything it bundles, the preferences store among it) in a process
 * that listens for SIGTERM, sends itself one, and prints how often the listener heard it.
 */
const PROBE = `
let heard = 0
process.on('SIGTERM', () => { heard += 1 })
process.argv = [process.argv[0], 'gridkeeper', '--version']
require(${JSON.stringify(CLI)})
setTimeout(() => process.kill(process.pid, 'SIGTERM'), 50)
setTimeout(() => { process.stdout.write('heard ' + heard + '\\n'); process.exit(0) }, 500)
`

describe('the built command line and signals', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)')
  })

  it('leaves SIGTERM to Gridkeeper: one signal reaches its listener once, and no module sends it again', () => {
    const result = spawnSync(process.execPath, ['-e', PROBE], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 })
    expect({ code: result.status, stderr: result.stderr }).toEqual({ code: 0, stderr: '' })
    expect(result.stdout.trim().split('\n').at(-1)).toBe('heard 1')
  })
})
