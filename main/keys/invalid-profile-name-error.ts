import { GridkeeperError } from '@shared/errors/gridkeeper-error'

/** Raised for a key profile name outside the allowed form. */
export class InvalidProfileNameError extends GridkeeperError {
  override readonly name = 'InvalidProfileNameError' as const
  readonly profile: string

  constructor(profile: string, message: string) {
    super('INVALID_PROFILE_NAME', message)
    this.profile = profile
  }
}
