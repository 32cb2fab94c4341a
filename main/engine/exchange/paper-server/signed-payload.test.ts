import { generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ApiKeyRegistry } from './api-key-registry'
import { restSignedPayload, wsApiSignedPayloads } from './signed-payload'
import { DOC_API_KEY, DOC_SECRET, hmacHex } from './stubs'

describe('signature payloads and verification', () => {
  const registry = new ApiKeyRegistry([{ apiKey: 'doc', secret: DOC_SECRET }])
  const key = registry.find('doc')

  it('verifies the REST HMAC vector of the Binance docs', () => {
    const payload = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559'
    const signature = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71'
    expect(hmacHex(DOC_SECRET, payload)).toBe(signature)
    expect(restSignedPayload(`${payload}&signature=${signature}`, '')).toEqual({ payload, signature })
    expect(key?.verify(payload, signature)).toBe(true)
    expect(key?.verify(payload, signature.toUpperCase())).toBe(true)
    expect(key?.verify(`${payload}0`, signature)).toBe(false)
  })

  it('signs query and body concatenated with no separator (the docs’ mixed example)', () => {
    const signed = restSignedPayload('symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC', 'quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=abc')
    expect(signed).toEqual({ payload: 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559', signature: 'abc' })
  })

  it('verifies the WebSocket API HMAC vector over the sorted parameters', () => {
    const params = {
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01000000',
      price: '52000.00',
      recvWindow: 100,
      timestamp: 1645423376532,
      apiKey: DOC_API_KEY,
      signature: 'aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24'
    }
    const [payload] = wsApiSignedPayloads(params)
    expect(payload).toBe(
      `apiKey=${DOC_API_KEY}&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT`
    )
    expect(key?.verify(payload as string, params.signature)).toBe(true)
  })

  it('offers the percent-encoded form too when a value needs encoding', () => {
    expect(wsApiSignedPayloads({ b: 'x y', a: '1', signature: 's' })).toEqual(['a=1&b=x y', 'a=1&b=x%20y'])
  })

  it('verifies Ed25519 and RSA signatures (base64) from private or public PEM keys', () => {
    const ed = generateKeyPairSync('ed25519')
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const keys = new ApiKeyRegistry([
      { apiKey: 'ed', secret: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      { apiKey: 'rsa', secret: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() }
    ])
    const payload = 'apiKey=ed&timestamp=1'
    expect(keys.find('ed')?.kind).toBe('Ed25519')
    expect(keys.find('ed')?.verify(payload, sign(null, Buffer.from(payload), ed.privateKey).toString('base64'))).toBe(true)
    expect(keys.find('rsa')?.kind).toBe('RSA')
    expect(keys.find('rsa')?.verify(payload, sign('sha256', Buffer.from(payload), rsa.privateKey).toString('base64'))).toBe(true)
    expect(keys.find('rsa')?.verify(payload, sign('sha256', Buffer.from('other'), rsa.privateKey).toString('base64'))).toBe(false)
  })
})
