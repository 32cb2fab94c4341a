import { readFile } from 'node:fs/promises'
import packageJson from '../../package.json'
import { runCli } from './run-cli'

/** Entry point of the `gridkeeper` command line (built to out/main/cli.js, started by bin/gridkeeper.cjs). */
async function main(): Promise<void> {
  const io = {
    stdout: (text: string) => void process.stdout.write(text),
    stderr: (text: string) => void process.stderr.write(text),
    readTextFile: (path: string) => readFile(path, 'utf8'),
    env: process.env,
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
}

void main()
