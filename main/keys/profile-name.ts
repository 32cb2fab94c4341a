import { InvalidProfileNameError } from './invalid-profile-name-error'

/** A key profile name: 1 to 32 lowercase letters, digits and hyphens, not starting with a hyphen. */
export const PROFILE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/

/** Returns the name when it is a valid key profile name, or throws an InvalidProfileNameError saying why. */
export function checkProfileName(profile: string): string {
  if (!PROFILE_NAME_PATTERN.test(profile)) {
    const shown = profile.length > 40 ? `${profile.slice(0, 40)}…` : profile
    throw new InvalidProfileNameError(
      profile,
      `profile names are 1 to 32 lowercase letters, digits and hyphens, starting with a letter or digit; got "${shown}"`
    )
  }
  return profile
}
