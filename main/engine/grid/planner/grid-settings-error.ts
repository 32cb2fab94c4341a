import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Raised when grid settings are unusable (e.g. lower ≥ upper); lists every reason. */
export class GridSettingsError extends GridkeeperError {
  override readonly name = 'GridSettingsError' as const
  readonly reasons: readonly string[]

  constructor(reasons: readonly string[]) {
    super('GRID_SETTINGS_INVALID', `invalid grid settings: ${reasons.join('; ')}`)
    this.reasons = reasons
  }
}
