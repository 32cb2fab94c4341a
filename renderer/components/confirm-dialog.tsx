import { useEffect, useId, useRef, type ReactNode } from 'react'

/** One choice of a confirmation dialog. */
export interface DialogChoice {
  readonly label: string
  readonly onChoose: () => void
  readonly danger?: boolean
}

/** A modal dialog asking the person to confirm an action that sends orders; Escape or "Back" closes it without acting. */
export function ConfirmDialog(props: { readonly title: string; readonly children: ReactNode; readonly choices: readonly DialogChoice[]; readonly onClose: () => void; readonly busy?: string | null }) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (dialog !== null && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={(event) => (event.preventDefault(), props.busy ? undefined : props.onClose())}>
      <h2 id={titleId}>{props.title}</h2>
      <div className="dialog-body">{props.children}</div>
      {props.busy ? (
        <p className="progress" role="status">
          <span className="spinner" aria-hidden="true" /> {props.busy}
        </p>
      ) : (
        <div className="dialog-actions">
          {props.choices.map((choice) => (
            <button key={choice.label} type="button" className={choice.danger ? 'button-danger' : 'button-primary'} onClick={choice.onChoose}>
              {choice.label}
            </button>
          ))}
          <button type="button" onClick={props.onClose}>
            Back
          </button>
        </div>
      )}
    </dialog>
  )
}
