#!/usr/bin/env node
/**
 * The `gridkeeper` command (also `npx gridkeeper` in this repository): runs the built command
 * line in out/main/cli.js. `npm install` builds it; `npm run build` rebuilds it.
 */
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('gridkeeper: the command line is not built yet; run `npm run build` in the project first\n')
  process.exit(2)
}
try {
  require('node:sqlite')
} catch {
  process.stderr.write(
    `gridkeeper: this Node.js (${process.version}) has no node:sqlite, which the journal needs; use Node.js 22.13 or newer, ` +
      'or run it as `npx gridkeeper` in the project, which uses the Node.js 24 installed with it\n'
  )
  process.exit(2)
}
require(cli)
