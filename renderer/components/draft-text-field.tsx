import { useId } from 'react'
import type { SetupDraft } from './setup-draft'

/** The text fields of a grid draft. */
export type TextName = 'id' | 'lower' | 'upper' | 'grids' | 'investment' | 'stopLoss' | 'takeProfit'

/** What is wrong with each field of a draft: sentences shown at the field. */
export type FieldProblems = Partial<Readonly<Record<TextName, readonly string[]>>>

/**
 * One labelled text field of a grid draft, with an optional hint and the problems found with it,
 * both describing it outside its label (so the field's name is the label alone).
 */
export function DraftTextField(props: { readonly draft: SetupDraft; readonly name: TextName; readonly label: string; readonly hint?: string; readonly problems?: FieldProblems; readonly onChange: (patch: Partial<SetupDraft>) => void }) {
  const inputId = useId()
  const hintId = useId()
  const problemId = useId()
  const { draft, name, label, hint, onChange } = props
  const problems = props.problems?.[name] ?? []
  const describedBy = [...(problems.length > 0 ? [problemId] : []), ...(hint === undefined ? [] : [hintId])].join(' ')
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        value={draft[name]}
        inputMode={name === 'id' ? 'text' : 'decimal'}
        onChange={(event) => onChange({ [name]: event.target.value })}
        aria-invalid={problems.length > 0 ? true : undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
      />
      {problems.length > 0 && (
        <small id={problemId} className="field-problem">
          {problems.join(' ')}
        </small>
      )}
      {hint !== undefined && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
    </div>
  )
}
