/**
 * What a sealed value is bound to: it only opens for the same context.
 *
 * @example
 * ```ts
 * const forApp: SealContext = { clientId };
 * // A value kept server-side, bound to one store row as well as the client:
 * const forRow: SealContext = { clientId, boundTo: { label: 'ref', key: storeKey } };
 * ```
 */
export interface SealContext {
  /** The client the value was sealed for. */
  clientId: string;
  /**
   * Narrows the binding beyond the client, for values a server keeps for itself (reference
   * mode's stored blobs): `label` names the kind of value, `key` the record it belongs to. A
   * value sealed with `boundTo` never opens without it (nor with another label or key), so a
   * stored blob posted as an app's token does not open. Tokens handed to apps omit it.
   */
  boundTo?: { label: string; key: string };
}

/**
 * The text a context adds to the AAD: the client id, then — when bound further — NUL, the label,
 * NUL and the key. (Client ids, labels and keys never contain NUL, so no two contexts share a
 * binding.) `undefined` for a context that is not one.
 */
export function bindingOf(context: SealContext | undefined): string | undefined {
  const clientId: unknown = context?.clientId;
  if (typeof clientId !== 'string') return undefined;
  const boundTo = context?.boundTo;
  if (boundTo === undefined) return clientId;
  if (typeof boundTo?.label !== 'string' || typeof boundTo.key !== 'string') return undefined;
  return `${clientId}\u0000${boundTo.label}\u0000${boundTo.key}`;
}
