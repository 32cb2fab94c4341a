import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileLogger, formatLogLine } from './file-logger'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe('FileLogger', () => {
  it('writes lines at or above its level to the sink and appends them to the file', () => {
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'file-logger-'))
    folders.push(folder)
    const path = join(folder, 'gridkeeper.log')
    let out = ''
    const first = new FileLogger(path, 'info', (text) => (out += text), () => Date.UTC(2026, 10, 28, 12))
    first.debug('per tick')
    first.info('running', { botId: 'b1', missing: undefined })
    first.error('boom', { code: -2010 })
    first.close()
    const second = new FileLogger(path, 'warn', () => undefined, () => Date.UTC(2026, 10, 28, 13))
    second.info('not written')
    second.warn('again')
    second.close()
    expect(out).toBe('2026-11-28T12:00:00.000Z INFO  running {"botId":"b1"}\n2026-11-28T12:00:00.000Z ERROR boom {"code":-2010}\n')
    expect(readFileSync(path, 'utf8')).toBe(`${out}2026-11-28T13:00:00.000Z WARN  again\n`)
  })

  it('formats a line without fields without a trailing object', () => {
    expect(formatLogLine(0, { level: 'debug', message: 'm', fields: {} })).toBe('1970-01-01T00:00:00.000Z DEBUG m\n')
  })
})
