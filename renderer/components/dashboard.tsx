import { useMemo, useState } from 'react'
import type { PlanPreview } from '@shared/api'
import type { BotConfigInput } from '@shared/config/bot-config'
import { useAppStore } from '../store/app-store'
import { groupFills } from '../store/fill-groups'
import { fillMark, levelLine, selectedBot } from '../store/selectors'
import { AwayPanel } from './away-panel'
import { BalancesPanel } from './balances-panel'
import { BotSummary } from './bot-summary'
import { EventLog } from './event-log'
import { FillsTable } from './fills-table'
import { LevelsTable } from './levels-table'
import { MarketChart } from './market-chart'
import { OcoPanel } from './oco-panel'
import { OrdersTable } from './orders-table'
import { StartConfirmation } from './start-confirmation'
import { useCandles } from './use-candles'

/** The dashboard of the bot shown: chart, summary and overrides, levels, orders, fills, OCO, balances, events. */
export function Dashboard() {
  const bot = useAppStore(selectedBot)
  useCandles(bot?.symbol)
  const levels = useMemo(() => bot?.levels.map(levelLine) ?? [], [bot?.levels])
  // One marker per order, not one per trade of it
  const markers = useMemo(() => (bot === undefined ? [] : groupFills(bot.fills).map((group) => fillMark(group, bot.quantityDecimals))), [bot?.fills, bot?.quantityDecimals])
  if (bot === undefined) return <ReadyToStart />
  return (
    <div className="dashboard">
      <AwayPanel />
      <BotSummary bot={bot} />
      <MarketChart symbol={bot.symbol} levels={levels} markers={markers} stopLoss={bot.oco?.stopPrice ?? bot.config.risk.stopLoss ?? null} takeProfit={bot.oco?.takeProfitPrice ?? bot.config.risk.takeProfit ?? null} />
      <div className="panels">
        <LevelsTable bot={bot} />
        <OrdersTable bot={bot} />
        <FillsTable bot={bot} />
        <OcoPanel key={bot.botId} bot={bot} />
        <BalancesPanel />
        <EventLog bot={bot} />
      </div>
    </div>
  )
}

/** With no bot yet: the grid ready to start (Paper mode's first launch), or a pointer to the setup. */
function ReadyToStart() {
  const api = useAppStore((store) => store.api)
  const app = useAppStore((store) => store.app)
  // The grid as it was when Start was pressed, and its plan: the suggestion follows the price, the confirmation does not
  const [confirming, setConfirming] = useState<{ readonly config: BotConfigInput; readonly plan: PlanPreview } | null>(null)
  const suggested = app?.suggestedConfig ?? null
  useCandles(suggested?.symbol)
  if (app === null) return <p role="status">Connecting…</p>
  if (app.connection.status === 'out-of-service') return <p role="status">No bot runs in this mode until its journal is dealt with (see above); the other modes open as before under Mode and keys.</p>
  if (app.connection.status !== 'ready') return <p role="status">{app.connection.message ?? 'Connecting to the exchange…'}</p>
  const confirm = async () => {
    if (api === null || suggested === null) return
    const config = suggested
    const planned = await api.previewPlan({ config })
    if (!planned.ok) return useAppStore.getState().tell('error', `This grid cannot start: ${planned.error.message}`)
    if (planned.value.problems.length > 0) return useAppStore.getState().tell('error', `This grid cannot start: ${planned.value.problems.map((problem) => problem.message).join(' ')} Change the settings first.`)
    setConfirming({ config, plan: planned.value })
  }
  return (
    <div className="dashboard">
      <section className="panel ready" aria-label="Ready to start">
        {app.mode === 'paper' && <p className="paper-note">Paper mode: a simulated exchange with {app.balances.map((balance) => `${balance.free} ${balance.asset}`).join(', ') || 'a paper account'}. No real money moves.</p>}
        {suggested !== null && app.mode === 'paper' ? (
          <>
            <h2 className="panel-title">A grid is ready to start</h2>
            <p>
              {suggested.symbol}: {suggested.grid.grids} grids from {suggested.grid.lower} to {suggested.grid.upper}, {suggested.grid.investment} invested
              {suggested.risk?.stopLoss !== undefined ? `, stop-loss ${suggested.risk.stopLoss}` : ''}.
            </p>
            <div className="summary-actions">
              <button type="button" className="button-primary" onClick={() => void confirm()}>
                Start this grid
              </button>
              <button type="button" onClick={() => useAppStore.getState().show('setup')}>
                Change the settings
              </button>
            </div>
          </>
        ) : (
          <>
            <h2 className="panel-title">No grid in {app.mode} mode yet</h2>
            <button type="button" onClick={() => useAppStore.getState().show('setup')}>
              Set up a grid
            </button>
          </>
        )}
      </section>
      {suggested !== null && <MarketChart symbol={suggested.symbol} levels={[]} markers={[]} stopLoss={null} takeProfit={null} />}
      <BalancesPanel />
      {confirming !== null && (
        <StartConfirmation config={confirming.config} plan={confirming.plan} onClose={() => setConfirming(null)} onStarted={(botId) => (setConfirming(null), useAppStore.getState().selectBot(botId))} />
      )}
    </div>
  )
}
