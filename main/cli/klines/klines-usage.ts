/** Usage text of `gridkeeper klines`. */
export const KLINES_USAGE = `Usage: gridkeeper klines download --symbol SYMBOL --interval 1m --from TIME --to TIME
                                [--base-url URL] [--cache DIR] [--out FILE]
       gridkeeper klines inspect FILE [--interval I] [--from TIME] [--to TIME] [--json]

Historical candles for backtests. Times are UTC: 2024-01, 2024-01-15, 2024-01-15T12:30 (no zone
means UTC) or with Z or an offset; a range runs from --from (included) to --to (excluded).
Missing candles stay missing: nothing is filled in, and gaps are reported.

  download   fetches a symbol's klines from Binance's public GET /api/v3/klines into a cache of
             one Binance CSV file per UTC month (DIR/SYMBOL/INTERVAL/2024-01.csv), whole months
             at a time, one line per month on stderr. A finished month is never fetched again;
             an interrupted download (Ctrl-C, network) and the running month go on from their
             last cached candle. Then prints rows, first and last time and gaps of the range.
    --symbol SYMBOL   e.g. BTCUSDT
    --interval I      1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w
    --base-url URL    default https://api.binance.com (https://data-api.binance.vision serves
                      the same public data)
    --cache DIR       default $XDG_CACHE_HOME/gridkeeper/klines or ~/.cache/gridkeeper/klines
    --out FILE        also writes the range as one Binance CSV file (12 columns, no header)

  inspect    reads a klines file (Binance CSV from data.binance.vision with or without header,
             times in ms or µs; Binance's klines JSON; freqtrade's JSON) and prints its rows,
             first and last open time, interval, price scale and gaps (count, candles missing,
             the largest five). A malformed row is an error naming the line or row. Only a
             regular file of at most 250 MB is read.
    --interval I      the interval, when the spacing of the open times should not decide it
    --from, --to      only the candles in that range
    --json            one JSON object instead of text

Exit codes: 0 done, 1 the download stopped (what it fetched is cached; run it again to resume),
2 bad options or a file that cannot be read as klines.`
