import type { Result } from '@shared/api'
import { useAppStore } from '../store/app-store'

/**
 * Runs a command, tells the person how it went, and returns its value (undefined when it failed).
 * With `onError` a failure is said there, beside the control that gave the command, instead of
 * in the status line at the top.
 */
export async function runCommand<T>(what: string, command: () => Promise<Result<T>>, onError?: (text: string) => void): Promise<T | undefined> {
  const tell = (kind: 'info' | 'error', text: string) => (kind === 'error' && onError !== undefined ? onError(text) : useAppStore.getState().tell(kind, text))
  let result: Result<T>
  try {
    result = await command()
  } catch (error) {
    tell('error', `${what} failed: ${error instanceof Error ? error.message : String(error)}`)
    return undefined
  }
  if (!result.ok) {
    tell('error', `${what} failed: ${result.error.message}`)
    return undefined
  }
  tell('info', `${what}: done`)
  return result.value
}
