/** What a sealed token is bound to: it only opens for the same client id. */
export interface SealContext {
  clientId: string;
}
