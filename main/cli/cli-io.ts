import type { KeyStore } from '../keys/key-store'

/** What a command needs from its process: output streams and file reading, injectable for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Reads a file a person named as UTF-8: a regular file of at most INPUT_FILE_MAX_BYTES (see readRegularFile). */
  readonly readTextFile: (path: string) => Promise<string>
  /**
   * Resolves with the signal's name when the process is asked to stop (SIGINT, SIGTERM); used by
   * commands that serve until stopped. Listening starts at the call, so other commands keep the
   * default signal behaviour.
   */
  readonly untilStopped?: () => Promise<string>
  /** The process environment (API keys for `run`). */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Where API key profiles are kept (`keys`, and `run` when the environment has no keys). */
  readonly keyStore?: KeyStore
  /** The app's version (the `serve` UI shows it). */
  readonly version?: string
  /** The built renderer folder `serve` serves (out/renderer beside the built command line when absent). */
  readonly rendererDir?: string
  /** Reads standard input to its end (`keys set` reads the API key and secret from it). */
  readonly readStdin?: () => Promise<string>
}

/** Exit codes of the command line. */
export const EXIT = {
  ok: 0,
  /** The command ran and found problems (e.g. a plan with problems). */
  problems: 1,
  /** The command could not run: bad arguments, unreadable input. */
  usage: 2
} as const
