import { useId } from 'react'
import type { SetupDraft } from './setup-draft'

/** The text fields of a grid draft. */
type TextName = 'id' | 'lower' | 'upper' | 'grids' | 'investment' | 'stopLoss' | 'takeProfit'

/** One labelled text field of a grid draft, with an optional hint that describes it (outside its label, so the field's name is the label alone). */
export function DraftTextField(props: { readonly draft: SetupDraft; readonly name: TextName; readonly label: string; readonly hint?: string; readonly onChange: (patch: Partial<SetupDraft>) => void }) {
  const inputId = useId()
  const hintId = useId()
  const { draft, name, label, hint, onChange } = props
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} value={draft[name]} inputMode={name === 'id' ? 'text' : 'decimal'} onChange={(event) => onChange({ [name]: event.target.value })} aria-describedby={hint === undefined ? undefined : hintId} />
      {hint !== undefined && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
    </div>
  )
}
