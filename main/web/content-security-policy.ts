/**
 * Gives the Content-Security-Policy of every page; `renderer/index.html` repeats it in a meta tag.
 * Nothing is loaded from outside the app's own origin, and no inline script or style runs.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'"
].join('; ')
