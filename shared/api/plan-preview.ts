/** A grid plan as the setup preview and `gridkeeper plan --json` show it; every amount is an exact decimal string. */
export interface PlanPreview {
  readonly symbol: string
  readonly spacing: string
  readonly grids: number
  readonly lower: string
  readonly upper: string
  readonly price: string
  /** True when no market price was known and the plan assumed the middle of the range. */
  readonly priceAssumed: boolean
  readonly investment: string
  readonly levels: readonly { index: number; price: string; side: string; quantity: string; notional: string }[]
  readonly profitPerGrid: { readonly minPct: string; readonly maxPct: string }
  readonly quotePerGrid: string
  readonly minInvestment: string
  readonly baseRequired: string
  readonly baseHeld: string
  readonly acquisition: { method: string; side: string; quantity: string; price: string; quoteCost: string } | null
  readonly quoteRequired: string
  /** Every problem; `field`, when set, names the setting it concerns by its place in the configuration ("grid.investment"), and the message is a sentence shown at it. */
  readonly problems: readonly { level: number | null; code: string; message: string; field: string | null }[]
}
