/** Returns a size in megabytes for a person: "3.2 MB" below ten, "250 MB" from there. */
export function megabytesText(bytes: number): string {
  const value = bytes / 1_000_000
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} MB`
}
