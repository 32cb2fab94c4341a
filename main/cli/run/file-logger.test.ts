import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isDataFolderError } from '../../files/data-folder-error'
import { makeUnwritable } from '../../files/stubs'
import { FileLogger, formatLogLine } from './file-logger'

const folders: string[] = []
const undo: (() => void)[] = []
afterEach(() => {
  for (const step of undo.splice(0).reverse()) step()
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

  it('refuses a log file it cannot write with one line: the path, why, and what to do', () => {
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'file-logger-'))
    folders.push(folder)
    const path = join(folder, 'gridkeeper.log')
    writeFileSync(path, 'earlier lines\n')
    undo.push(makeUnwritable(path))
    let error: unknown
    try {
      new FileLogger(path, 'info', () => undefined, Date.now, 'give another folder with --data-dir')
    } catch (caught) {
      error = caught
    }
    expect(isDataFolderError(error)).toBe(true)
    expect((error as Error).message).toBe(`cannot write the log file ${path}: permission denied; make it a file this user can write, or give another folder with --data-dir`)
    expect(readFileSync(path, 'utf8')).toBe('earlier lines\n')
  })

  it('goes on with standard output alone when the log can no longer be written, and says so once', () => {
    let out = ''
    // Every write to /dev/full fails: no space left on the device
    const logger = new FileLogger('/dev/full', 'info', (text) => (out += text), () => Date.UTC(2026, 10, 28, 12))
    logger.info('first')
    logger.info('second')
    logger.close()
    expect(out).toBe(
      '2026-11-28T12:00:00.000Z INFO  first\n' +
        '2026-11-28T12:00:00.000Z WARN  the log file /dev/full can no longer be written (the disk is full); lines go to standard output only\n' +
        '2026-11-28T12:00:00.000Z INFO  second\n'
    )
  })
})
