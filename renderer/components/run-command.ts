import type { Result } from '@shared/api'
import { useAppStore } from '../store/app-store'

/** Runs a command, tells the person how it went, and returns its value (undefined when it failed). */
export async function runCommand<T>(what: string, command: () => Promise<Result<T>>): Promise<T | undefined> {
  const { tell } = useAppStore.getState()
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
