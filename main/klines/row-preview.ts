const MAX_PREVIEW = 80

/** Returns a row as JSON for an error message, cut to 80 characters. */
export function rowPreview(row: unknown): string {
  const text = JSON.stringify(row) ?? String(row)
  return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW - 1)}…` : text
}
