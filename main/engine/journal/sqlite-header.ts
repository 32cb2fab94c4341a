/** Length of the SQLite file header, the part read before SQLite is let near a file. */
export const SQLITE_HEADER_LENGTH = 100

const MAGIC = new TextEncoder().encode('SQLite format 3\0')

/**
 * Returns why a file is not a SQLite database, judged from its first 100 bytes and its size, or
 * undefined when it looks like one. Checks the magic string, the page size, the fixed payload
 * fractions and that the file is a whole number of pages (a cut-off copy is not).
 */
export function sqliteHeaderProblem(header: Uint8Array, fileSize: number): string | undefined {
  if (fileSize < SQLITE_HEADER_LENGTH || header.length < SQLITE_HEADER_LENGTH) {
    return `it is ${fileSize} bytes long, shorter than the ${SQLITE_HEADER_LENGTH}-byte SQLite header`
  }
  if (!MAGIC.every((byte, index) => header[index] === byte)) {
    return 'it does not start with the SQLite header "SQLite format 3"'
  }
  const rawPageSize = ((header[16] ?? 0) << 8) | (header[17] ?? 0)
  // The value 1 stands for 65536, which does not fit in two bytes
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return `its header gives a page size of ${rawPageSize}, not a power of two from 512 to 65536`
  }
  if (header[21] !== 64 || header[22] !== 32 || header[23] !== 32) {
    return 'its header has payload fractions other than the fixed 64/32/32'
  }
  if (fileSize % pageSize !== 0) {
    return `it is ${fileSize} bytes long, not a whole number of ${pageSize}-byte pages (cut off?)`
  }
  return undefined
}
