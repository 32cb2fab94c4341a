import { DraftTextField, type FieldProblems } from './draft-text-field'
import type { SetupDraft } from './setup-draft'

/** A grid's settings as form fields: range, grids, spacing, investment, exits and protections (the bot setup and the backtest show the same). */
export function GridSettingsFields({ draft, onChange, problems }: { readonly draft: SetupDraft; readonly onChange: (patch: Partial<SetupDraft>) => void; readonly problems?: FieldProblems }) {
  return (
    <>
      <DraftTextField draft={draft} name="lower" problems={problems} label="Lower price" onChange={onChange} />
      <DraftTextField draft={draft} name="upper" problems={problems} label="Upper price" onChange={onChange} />
      <DraftTextField draft={draft} name="grids" problems={problems} label="Grids" hint="N grids make N + 1 levels" onChange={onChange} />
      <label className="field">
        <span>Spacing</span>
        <select value={draft.spacing} onChange={(event) => onChange({ spacing: event.target.value as SetupDraft['spacing'] })}>
          <option value="arithmetic">arithmetic (equal steps)</option>
          <option value="geometric">geometric (equal percentages)</option>
        </select>
      </label>
      <DraftTextField draft={draft} name="investment" problems={problems} label="Investment (quote)" onChange={onChange} />
      <DraftTextField draft={draft} name="stopLoss" problems={problems} label="Stop-loss" hint="empty for none" onChange={onChange} />
      <DraftTextField draft={draft} name="takeProfit" problems={problems} label="Take-profit" hint="empty for none" onChange={onChange} />
      <label className="field">
        <span>When a stop triggers</span>
        <select value={draft.stopOutcome} onChange={(event) => onChange({ stopOutcome: event.target.value as SetupDraft['stopOutcome'] })}>
          <option value="cancel">cancel the orders, keep the assets</option>
          <option value="keep">keep the orders and assets, stop the bot</option>
          <option value="sell-all">cancel and sell all base</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.ocoBackstop} onChange={(event) => onChange({ ocoBackstop: event.target.checked })} /> OCO backstop on the exchange (protects while the app is closed)
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.noBuysInDowntrend} onChange={(event) => onChange({ noBuysInDowntrend: event.target.checked })} /> No new buys in a confirmed downtrend
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.pauseBuysWhenVolatile} onChange={(event) => onChange({ pauseBuysWhenVolatile: event.target.checked })} /> Pause buys when the market is volatile
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.recenter} onChange={(event) => onChange({ recenter: event.target.checked })} /> Recenter after the price stays outside the range
      </label>
    </>
  )
}
