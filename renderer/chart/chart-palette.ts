/** The app's dark palette (renderer/app.css), as the chart's canvas needs it in code. */
export const chartPalette = {
  background: '#10151c',
  text: '#8b949e',
  grid: '#1b222c',
  border: '#30363d',
  up: '#3fb950',
  down: '#f85149',
  held: '#d29922',
  failed: '#f0883e',
  empty: '#6e7681',
  preview: '#58a6ff'
} as const
