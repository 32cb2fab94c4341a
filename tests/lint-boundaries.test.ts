import { resolve } from 'node:path'
import { ESLint, type Linter } from 'eslint'
import { describe, expect, test } from 'vitest'

const eslint = new ESLint({ cwd: resolve(__dirname, '..') })
const ruleId = 'gridkeeper/import-boundaries'

async function lintSnippet(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath })
  if (result === undefined) throw new Error(`ESLint returned no result for ${filePath}`)
  const fatal = result.messages.filter((message) => message.fatal === true)
  // A snippet that does not parse would report no boundary problem and pass for the wrong reason
  expect(fatal, `${filePath} must parse`).toEqual([])
  return result.messages.filter((message) => message.ruleId === ruleId)
}

type Case = readonly [file: string, code: string]

const violations: readonly Case[] = [
  ['main/engine/grid/plan.ts', "import { app } from 'electron'"],
  ['main/engine/grid/plan.ts', "import type { IpcMain } from 'electron'"],
  ['main/engine/grid/plan.ts', "import 'electron/main'"],
  ['main/engine/grid/plan.ts', "export const load = () => import('electron')"],
  ['main/engine/grid/plan.ts', "export { app } from 'electron'"],
  ['main/engine/grid/plan.ts', "import { createMainWindow } from '../../app/create-main-window'"],
  ['main/engine/grid/plan.ts', "import '../../../preload/index'"],
  ['main/engine/grid/plan.ts', "import { App } from '../../../renderer/App'"],
  ['main/engine/plan.ts', "import { appOrigin } from '../app/app-origin'"],
  ['main/cli/index.ts', "import { app } from 'electron'"],
  ['main/cli/commands/plan.ts', "import electron = require('electron')"],
  ['main/cli/index.ts', "import { createMainWindow } from '../app/create-main-window'"],
  ['renderer/App.tsx', "import { ipcRenderer } from 'electron'"],
  ['renderer/App.tsx', "import { readFile } from 'fs'"],
  ['renderer/App.tsx', "import { readFile } from 'node:fs'"],
  ['renderer/App.tsx', "import { readFile } from 'fs/promises'"],
  ['renderer/App.tsx', "import { join } from 'node:path'"],
  ['renderer/App.tsx', "import { join } from 'path'"],
  ['renderer/App.tsx', "import { EventEmitter } from 'events'"],
  ['renderer/chart/PriceChart.tsx', "import { planGrid } from '../../main/engine/grid/plan'"],
  ['renderer/App.tsx', "import { appOrigin } from '../main/app/app-origin'"],
  ['renderer/App.tsx', "import '../preload/index'"],
  ['preload/index.ts', "import { readFile } from 'node:fs'"],
  ['preload/index.ts', "import { readFile } from 'fs'"],
  ['preload/index.ts', "import { useState } from 'react'"],
  ['preload/index.ts', "import { helper } from './helper'"],
  ['preload/index.ts', "import { appOrigin } from '../main/app/app-origin'"],
  ['preload/index.ts', "import { App } from '../renderer/App'"],
  ['preload/index.ts', "import { toDecimal } from '@shared/money/decimal'"],
  ['preload/index.ts', "export * from '@shared'"],
  ['shared/api/channels.ts', "import { ipcMain } from 'electron'"],
  ['shared/api/channels.ts', "import { join } from 'node:path'"],
  ['shared/api/channels.ts', "import { join } from 'path'"],
  ['shared/money/decimal.ts', "import { createHash } from 'crypto'"],
  ['shared/api/channels.ts', "import { appOrigin } from '../../main/app/app-origin'"],
  ['shared/api/channels.ts', "import '../../preload/index'"],
  ['shared/api/channels.ts', "export { App } from '../../renderer/App'"],
  ['main/app/create-main-window.ts', "import { App } from '../../renderer/App'"],
  ['main/index.ts', "import '../preload/index'"],
  ['main/service/app-service.ts', "import { app } from 'electron'"],
  ['main/serve/serve-server.ts', "import { createMainWindow } from '../app/create-main-window'"],
  ['main/backtest/run-backtest.ts', "import { shell } from 'electron'"],
  ['main/klines/parse-klines.ts', "import { App } from '../../renderer/App'"],
  ['main/keys/key-store.ts', "import { safeStorage } from 'electron'"],
  ['main/service/preferences.ts', "import Store from 'electron-store'"],
  ['main/cli/serve/serve-command.ts', "import Store from 'electron-store'"],
  ['main/engine/journal/journal.ts', "import Store from 'electron-store'"]
]

const allowed: readonly Case[] = [
  ['main/engine/grid/plan.ts', "import Decimal from 'decimal.js'"],
  ['main/engine/grid/plan.ts', "import { readFile } from 'node:fs/promises'"],
  ['main/engine/grid/plan.ts', "import { apiChannels } from '@shared/api'"],
  ['main/engine/grid/plan.ts', "import { roundOrder } from '../exchange/rules/round-order'"],
  ['main/engine/grid/plan.ts', "import { levels } from './levels'"],
  ['main/cli/index.ts', "import { planGrid } from '../engine/grid/plan'"],
  ['main/cli/index.ts', "import { parseArgs } from 'node:util'"],
  ['main/app/create-main-window.ts', "import { BrowserWindow } from 'electron'"],
  ['main/app/create-main-window.ts', "import { planGrid } from '../engine/grid/plan'"],
  ['main/index.ts', "import { app } from 'electron'"],
  ['main/app/electron-preferences-store.ts', "import ElectronStore from 'electron-store'"],
  ['main/service/conf-preferences-store.ts', "import Conf from 'conf'"],
  ['renderer/App.tsx', "import { useState } from 'react'"],
  ['renderer/App.tsx', "import type { Api } from '@shared/api'"],
  ['renderer/App.tsx', "import { toDecimal } from '@shared/money/decimal'"],
  ['renderer/App.tsx', "import { App } from './App'"],
  ['renderer/App.tsx', "import { apiChannels } from '../shared/api/channels'"],
  ['preload/index.ts', "import { contextBridge, ipcRenderer } from 'electron'"],
  ['preload/index.ts', "import { apiChannels } from '@shared/api'"],
  ['preload/index.ts', "import { apiChannels } from '@shared/api/channels'"],
  ['preload/index.ts', "import { ok } from '../shared/api/result'"],
  ['shared/money/decimal.ts', "import Decimal from 'decimal.js'"],
  ['shared/api/index.ts', "export { ok } from './result'"],
  ['shared/api/channels.ts', "import type { Decimal } from '../money/decimal'"],
  ['tests/anything.test.ts', "import { app } from 'electron'"]
]

describe('import boundaries', () => {
  test.each(violations)('%s rejects: %s', async (file, code) => {
    const messages = await lintSnippet(file, code)
    expect(messages).toHaveLength(1)
    expect(messages[0]?.severity).toBe(2)
  })

  test.each(allowed)('%s accepts: %s', async (file, code) => {
    expect(await lintSnippet(file, code)).toEqual([])
  })

  test('a require call is checked like an import', async () => {
    const messages = await lintSnippet('main/cli/index.cjs', "const electron = require('electron')\nmodule.exports = electron")
    expect(messages).toHaveLength(1)
  })

  test('the message names the runtime and the import', async () => {
    const [message] = await lintSnippet('renderer/App.tsx', "import { readFile } from 'node:fs'")
    expect(message?.message).toBe("The renderer (browser, no Node) must not import 'node:fs'.")
  })
})
