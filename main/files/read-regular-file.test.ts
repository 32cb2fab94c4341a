import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isInputFileError } from './input-file-error'
import { INPUT_FILE_MAX_BYTES, readRegularFile } from './read-regular-file'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function folder(): string {
  mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
  const path = mkdtempSync(join(process.cwd(), '.tmp', 'read-regular-file-'))
  cleanups.push(() => rmSync(path, { recursive: true, force: true }))
  return path
}

/** The message of the InputFileError a read rejects with. */
async function refusal(read: Promise<unknown>): Promise<string> {
  const error = await read.then(
    () => undefined,
    (failure: unknown) => failure
  )
  if (!isInputFileError(error)) throw new Error(`expected an InputFileError, got ${String(error)}`)
  return error.message
}

describe('readRegularFile', () => {
  it('reads a regular file as UTF-8, reporting its progress', async () => {
    const path = join(folder(), 'k.csv')
    writeFileSync(path, 'prix,€\n1,2\n')
    const progress: [number, number][] = []
    expect(await readRegularFile(path, { onProgress: (read, total) => progress.push([read, total]) })).toBe('prix,€\n1,2\n')
    expect(progress).toEqual([[13, 13]])
  })

  it('refuses a device such as /dev/zero at once, instead of reading it forever', async () => {
    expect(await refusal(readRegularFile('/dev/zero'))).toBe('/dev/zero is a device, not a regular file; give the path of a file')
  })

  it('refuses a named pipe without waiting for a writer', async () => {
    const fifo = join(folder(), 'klines.csv')
    execFileSync('mkfifo', [fifo])
    expect(await refusal(readRegularFile(fifo))).toBe(`${fifo} is a named pipe (FIFO), not a regular file; give the path of a file`)
  })

  it('refuses a folder and a socket', async () => {
    const dir = folder()
    expect(await refusal(readRegularFile(dir))).toBe(`${dir} is a folder, not a regular file; give the path of a file`)
    const socket = join(dir, 'gridkeeper.sock')
    const server: Server = createServer()
    await new Promise<void>((resolve) => server.listen(socket, resolve))
    cleanups.push(() => new Promise((resolve) => server.close(resolve)))
    expect(await refusal(readRegularFile(socket))).toBe(`${socket} is a socket or a device, not a regular file; give the path of a file`)
  })

  it('refuses a file over the size limit before reading it', async () => {
    const path = join(folder(), 'huge.csv')
    // Sparse: the size is there, the disk blocks are not
    writeFileSync(path, '')
    truncateSync(path, 300_000_000)
    expect(INPUT_FILE_MAX_BYTES).toBe(250_000_000)
    expect(await refusal(readRegularFile(path, { onProgress: () => expect.unreachable('nothing is read') }))).toBe(
      `${path} is 300 MB, more than the 250 MB a file may have; split it into smaller files`
    )
    truncateSync(path, 12_000_001)
    expect(await refusal(readRegularFile(path, { maxBytes: 12_000_000 }))).toBe(`${path} is 12,000,001 bytes, more than the 12,000,000 bytes a file may have; split it into smaller files`)
  })

  it('says a missing file and an unreadable path in words', async () => {
    const dir = folder()
    expect(await refusal(readRegularFile(join(dir, 'none.csv')))).toBe(`${join(dir, 'none.csv')} does not exist`)
    const file = join(dir, 'plain.txt')
    writeFileSync(file, 'x')
    expect(await refusal(readRegularFile(join(file, 'k.csv')))).toBe(`${join(file, 'k.csv')} does not exist: a part of its path is a file, not a folder`)
  })

  it('stops between steps when its signal aborts', async () => {
    const path = join(folder(), 'large.csv')
    writeFileSync(path, '')
    truncateSync(path, 40_000_000)
    const controller = new AbortController()
    const progress: number[] = []
    const reading = readRegularFile(path, {
      signal: controller.signal,
      onProgress: (read) => {
        progress.push(read)
        controller.abort(new Error('cancelled'))
      }
    })
    await expect(reading).rejects.toThrow('cancelled')
    expect(progress).toHaveLength(1)
    expect(progress[0]).toBeLessThan(40_000_000)
  })
})
