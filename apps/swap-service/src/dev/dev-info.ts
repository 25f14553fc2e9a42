/** What development mode knows about its mock, shown by the banner and the playground (`GET /`). */
export interface DevInfo {
  /** Origin of the in-process mock accounts service. */
  mockUrl: string;
  /** The mock's authorize URL for the demo client, to open in a browser. */
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  /** The playground's URL (also `redirectUri`) when the service's port was known in time. */
  playgroundUrl?: string;
}
