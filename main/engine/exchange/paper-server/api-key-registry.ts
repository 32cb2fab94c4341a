import { createHmac, createPrivateKey, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto'

/** An API key the paper server accepts, with its secret: HMAC text, or an Ed25519/RSA PEM (private or public key). */
export interface PaperApiKey {
  readonly apiKey: string
  readonly secret: string
}

/** How a key signs: HMAC-SHA256 (hex), Ed25519 or RSASSA-PKCS1-v1_5 with SHA-256 (base64). */
export type SignatureKind = 'HMAC' | 'Ed25519' | 'RSA'

/** One accepted key, ready to verify signatures. */
export interface RegisteredKey {
  readonly apiKey: string
  readonly kind: SignatureKind
  /** Returns true when `signature` (hex for HMAC, base64 otherwise) signs `payload` with this key. */
  verify(payload: string, signature: string): boolean
}

/** The API keys of the paper account: looks keys up and verifies signatures made with them. */
export class ApiKeyRegistry {
  private readonly keys = new Map<string, RegisteredKey>()

  constructor(keys: readonly PaperApiKey[]) {
    for (const key of keys) this.keys.set(key.apiKey, registerKey(key))
  }

  /** Returns the registered key, or undefined for an unknown API key. */
  find(apiKey: string): RegisteredKey | undefined {
    return this.keys.get(apiKey)
  }
}

function registerKey(key: PaperApiKey): RegisteredKey {
  if (key.apiKey === '') throw new RangeError('an API key must not be empty')
  if (!key.secret.includes('-----BEGIN')) {
    const secret = key.secret
    return {
      apiKey: key.apiKey,
      kind: 'HMAC',
      verify: (payload, signature) => {
        const expected = createHmac('sha256', secret).update(payload, 'utf8').digest()
        if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false
        return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
      }
    }
  }
  const publicKey = key.secret.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(key.secret)) : createPublicKey(key.secret)
  const kind = keyKind(publicKey)
  return {
    apiKey: key.apiKey,
    kind,
    verify: (payload, signature) => {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false
      const data = Buffer.from(payload, 'utf8')
      const bytes = Buffer.from(signature, 'base64')
      return kind === 'Ed25519' ? verify(null, data, publicKey, bytes) : verify('sha256', data, publicKey, bytes)
    }
  }
}

function keyKind(publicKey: KeyObject): SignatureKind {
  switch (publicKey.asymmetricKeyType) {
    case 'ed25519':
      return 'Ed25519'
    case 'rsa':
      return 'RSA'
    default:
      throw new RangeError(`unsupported API key type ${publicKey.asymmetricKeyType ?? 'unknown'}: use HMAC, Ed25519 or RSA`)
  }
}
