import { useState } from 'react'
import type { BotView } from '@shared/api'
import { useAppStore } from '../store/app-store'
import { statusText } from '../store/selectors'
import { BotStop } from './bot-stop'
import { ConfirmDialog } from './confirm-dialog'
import { formatAmount, formatExact } from './decimal-text-format'
import { runCommand } from './run-command'

type Pending = { readonly title: string; readonly text: string; readonly label: string; readonly run: () => Promise<unknown>; readonly noAction?: boolean }

/** The bot's status, price, market and profit, and its bot-wide overrides (pause/resume, recenter, rebalance). */
export function BotSummary({ bot }: { readonly bot: BotView }) {
  const api = useAppStore((store) => store.api)
  const [pending, setPending] = useState<Pending | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  if (api === null) return null
  const confirm = async () => {
    if (pending === null) return
    setBusy(`${pending.label}…`)
    await pending.run()
    setBusy(null)
    setPending(null)
  }
  const active = bot.status === 'running'
  // Amounts in the quote asset are shown to the price's decimals (cents for a USDT pair)
  const amount = (text: string) => formatAmount(text, bot.priceDecimals ?? 2, bot.quoteAsset)
  const lastPrice = bot.lastPrice === null ? null : formatExact(bot.lastPrice, bot.priceDecimals)
  return (
    <section className="panel bot-summary" aria-label="Bot summary">
      <div className="summary-facts">
        <div>
          <span className="fact-label">Bot</span> {bot.botId} · {bot.symbol}
        </div>
        <div className={`bot-status status-${bot.status}`} role="status" aria-label="Bot status">
          {statusText(bot.status)}
        </div>
        <div>
          <span className="fact-label">Price</span> <span aria-label="Last price">{lastPrice === null ? '–' : `${lastPrice} ${bot.quoteAsset}`.trim()}</span>
        </div>
        <div>
          <span className="fact-label">Market</span> {bot.marketState ?? 'reading…'}
        </div>
        {bot.profit !== null && (
          <>
            <div>
              <span className="fact-label">Grid profit</span> <span aria-label="Grid profit">{amount(bot.profit.gridProfit)}</span>
            </div>
            <div>
              <span className="fact-label">Floating PnL</span> <span aria-label="Floating PnL">{amount(bot.profit.floatingPnl)}</span>
            </div>
            <div>
              <span className="fact-label">Value</span> <span aria-label="Value">{amount(bot.profit.currentValue)}</span> (started at {amount(bot.profit.startValue)})
            </div>
            {bot.profit.unvaluedFees !== undefined && (
              <div>
                <span className="fact-label">Fees not counted</span> {bot.profit.unvaluedFees} (no price to value them in {bot.quoteAsset})
              </div>
            )}
          </>
        )}
      </div>
      <div className="summary-actions">
        {active ? (
          <button type="button" onClick={() => void runCommand('Pause', () => api.pauseBot({ botId: bot.botId }))}>
            Pause
          </button>
        ) : (
          <button
            type="button"
            onClick={() =>
              setPending({
                title: `Resume ${bot.botId}`,
                text: 'The bot reconciles with the exchange, then places what its grid needs.',
                label: 'Resume',
                run: () => runCommand('Resume', () => api.resumeBot({ botId: bot.botId }))
              })
            }
          >
            Resume
          </button>
        )}
        <button
          type="button"
          disabled={!active}
          onClick={() =>
            setPending({
              title: 'Recenter the grid now',
              text: `The grid's orders are cancelled and it is planned again around the current price (${lastPrice ?? '?'}).`,
              label: 'Recenter',
              run: () => runCommand('Recenter', () => api.recenterNow({ botId: bot.botId }))
            })
          }
        >
          Recenter now
        </button>
        <button
          type="button"
          disabled={!active}
          onClick={() =>
            void api.diagnoseRebalance({ botId: bot.botId }).then((result) =>
              result.ok
                ? setPending({
                    title: result.value.deadlocked ? 'Rebalance now' : 'Nothing to rebalance',
                    text: `${result.value.message}${result.value.trade === null ? '' : ` A rebalance would ${result.value.trade.side} ${formatExact(result.value.trade.quantity, bot.quantityDecimals)} ${bot.baseAsset} (MARKET where allowed, else a re-priced LIMIT).`}`,
                    label: 'Rebalance',
                    run: () => runCommand('Rebalance', () => api.rebalanceNow({ botId: bot.botId })),
                    ...(result.value.deadlocked ? {} : { noAction: true })
                  })
                : useAppStore.getState().tell('error', `The diagnosis failed: ${result.error.message}`)
            )
          }
        >
          Rebalance now
        </button>
        <BotStop bot={bot} />
      </div>
      {pending !== null && (
        <ConfirmDialog title={pending.title} busy={busy} onClose={() => setPending(null)} choices={pending.noAction === true ? [] : [{ label: pending.label, onChoose: () => void confirm() }]}>
          <p>{pending.text}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
