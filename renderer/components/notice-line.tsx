import { useEffect } from 'react'
import { useAppStore } from '../store/app-store'

/** How long a notice that a command went through stays on screen. */
export const INFO_NOTICE_MS = 6_000

/**
 * The outcome of the latest command: a success clears itself after a few seconds; a failure stays
 * until it is dismissed or another command replaces it.
 */
export function NoticeLine() {
  const notice = useAppStore((store) => store.notice)
  useEffect(() => {
    if (notice === null || notice.kind !== 'info') return
    const timer = setTimeout(() => useAppStore.getState().dismissNotice(notice.id), INFO_NOTICE_MS)
    return () => clearTimeout(timer)
  }, [notice])
  if (notice === null) return null
  if (notice.kind === 'info') {
    return (
      <p className="notice notice-info" role="status">
        {notice.text}
      </p>
    )
  }
  return (
    <div className="notice notice-error" role="alert">
      <span>{notice.text}</span>{' '}
      <button type="button" className="notice-dismiss" onClick={() => useAppStore.getState().dismissNotice(notice.id)}>
        Dismiss
      </button>
    </div>
  )
}
