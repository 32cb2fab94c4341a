import packageJson from '../../package.json'
import { readRegularFile } from '../files/read-regular-file'
import { KeytarKeyStore } from '../keys/keytar-key-store'
import { runCli } from './run-cli'

/** How long the process may go on after its command returned, for what it wrote to be flushed. */
const EXIT_GRACE_MS = 1_000

/** Entry point of the `gridkeeper` command line (built to out/main/cli.js, started by bin/gridkeeper.cjs). */
async function main(): Promise<void> {
  const io = {
    stdout: (text: string) => void process.stdout.write(text),
    stderr: (text: string) => void process.stderr.write(text),
    readTextFile: (path: string) => readRegularFile(path),
    env: process.env,
    keyStore: new KeytarKeyStore(),
    readStdin,
    untilStopped: () =>
      new Promise<string>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          resolve(signal)
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      })
  }
  process.exitCode = await runCli(process.argv.slice(2), io, packageJson.version)
  // The command is done: a request still unanswered (an exchange that does not answer) or a timer left behind does not keep the process
  setTimeout(() => process.exit(), EXIT_GRACE_MS).unref()
}

/** Reads standard input to its end; at a terminal, first says what to type and how to end it. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Type or paste the API key on the first line and the secret below it, then press Ctrl-D:\n')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

void main()
