/** Says why the system refused to create or write a file or folder, for a person: "permission denied". */
export function writeFailureText(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EROFS':
      return 'the file system is read-only'
    case 'ENOSPC':
      return 'the disk is full'
    case 'EDQUOT':
      return 'the disk quota is used up'
    case 'EISDIR':
      return 'it is a folder'
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder'
    case 'EEXIST':
      return 'a file of that name is in the way'
    default: {
      // Node's system errors read "EIO: i/o error, write"
      const message = error instanceof Error ? error.message : String(error)
      return /^[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message
    }
  }
}
