import { useState } from 'react'
import type { BotView, LevelView } from '@shared/api'
import { useAppStore } from '../store/app-store'
import { levelWhy } from '../store/selectors'
import { ConfirmDialog } from './confirm-dialog'
import { formatExact } from './decimal-text-format'
import { runCommand } from './run-command'

/** Every grid level, highest first, with its state, its order and why; each can be held (its order cancelled) or released. */
export function LevelsTable({ bot }: { readonly bot: BotView }) {
  const api = useAppStore((store) => store.api)
  const [target, setTarget] = useState<LevelView | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  if (api === null) return null
  const act = async (level: LevelView) => {
    setBusy(level.held ? 'Releasing…' : 'Cancelling its order…')
    await runCommand(level.held ? `Release level ${level.index}` : `Hold level ${level.index}`, () =>
      level.held ? api.releaseLevel({ botId: bot.botId, level: level.index }) : api.holdLevel({ botId: bot.botId, level: level.index })
    )
    setBusy(null)
    setTarget(null)
  }
  return (
    <section className="panel panel-wide" aria-label="Levels">
      <table className="table">
        <caption>Levels</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col" className="number">Price{bot.quoteAsset === '' ? '' : ` (${bot.quoteAsset})`}</th>
            <th scope="col">State</th>
            <th scope="col">Order</th>
            <th scope="col">Why</th>
            <th scope="col">Override</th>
          </tr>
        </thead>
        <tbody>
          {[...bot.levels].reverse().map((level) => (
            <tr key={level.index} data-level={level.index} className={`level-${level.held ? 'held' : level.phase}`}>
              <td>{level.index}</td>
              <td className="number">{formatExact(level.price, bot.priceDecimals)}</td>
              <td>{level.held ? 'held' : level.phase}</td>
              <td>{level.side === null ? '–' : `${level.side} ${level.quantity === null ? '' : formatExact(level.quantity, bot.quantityDecimals)}`.trim()}</td>
              <td className="reason">{levelWhy(level) || '–'}</td>
              <td>
                <button type="button" aria-label={`${level.held ? 'Release' : 'Hold'} level ${level.index}`} onClick={() => setTarget(level)}>
                  {level.held ? 'Release' : 'Hold'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {target !== null && (
        <ConfirmDialog
          title={`${target.held ? 'Release' : 'Hold'} level ${target.index} at ${formatExact(target.price, bot.priceDecimals)}`}
          busy={busy}
          onClose={() => setTarget(null)}
          choices={[{ label: target.held ? 'Release the level' : 'Hold the level', onChoose: () => void act(target) }]}
        >
          <p>
            {target.held
              ? 'The bot places orders on this level again, starting with anything owed to it.'
              : 'Its open order is cancelled and nothing is placed on it until you release it; what fills elsewhere and is owed to it waits, shown in its reason.'}
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}
