import { useAppStore } from '../store/app-store'
import { NONE } from '../store/selectors'
import { formatExact } from './decimal-text-format'

/** The account's balances, free and locked in orders. */
export function BalancesPanel() {
  const balances = useAppStore((store) => store.app?.balances ?? NONE)
  return (
    <section className="panel" aria-label="Balances">
      <table className="table">
        <caption>Balances</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="number">Free</th>
            <th scope="col" className="number">Locked</th>
          </tr>
        </thead>
        <tbody>
          {balances.map((balance) => (
            <tr key={balance.asset} data-asset={balance.asset}>
              <td>{balance.asset}</td>
              <td className="number">{formatExact(balance.free, null)}</td>
              <td className="number">{formatExact(balance.locked, null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
