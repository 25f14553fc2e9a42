/**
 * Spotify's authorization scopes with the plain-words description the consent page shows.
 * /authorize refuses any other scope with `error=invalid_scope`, as Spotify does.
 */
export const SPOTIFY_SCOPES: ReadonlyMap<string, string> = new Map([
  ['ugc-image-upload', 'Upload images to personalize your profile or playlist cover'],
  ['user-read-playback-state', 'Read your currently playing content and queue'],
  ['user-modify-playback-state', 'Control playback on your Spotify clients and devices'],
  ['user-read-currently-playing', 'Read your currently playing content'],
  ['app-remote-control', 'Communicate with the Spotify app on your device'],
  ['streaming', 'Play content and control playback on your other devices'],
  ['playlist-read-private', 'Access your private playlists'],
  ['playlist-read-collaborative', 'Access your collaborative playlists'],
  ['playlist-modify-private', 'Manage your private playlists'],
  ['playlist-modify-public', 'Manage your public playlists'],
  ['user-follow-modify', 'Manage who you are following'],
  ['user-follow-read', 'Access your followers and who you are following'],
  ['user-read-playback-position', 'Read your position in content you have played'],
  ['user-top-read', 'Read your top artists and content'],
  ['user-read-recently-played', 'Access your recently played items'],
  ['user-library-modify', 'Manage your saved content'],
  ['user-library-read', 'Access your saved content'],
  ['user-read-email', 'Get your real email address'],
  ['user-read-private', 'Access your subscription details and country'],
  ['user-soa-link', 'Link a partner user account to your Spotify account'],
  ['user-soa-unlink', 'Unlink a partner user account from your Spotify account'],
  ['user-manage-entitlements', 'Modify entitlements for linked users'],
  ['user-manage-partner', 'Manage partner information'],
  ['user-create-partner', 'Create new partners'],
]);

/** Splits a space-separated scope parameter; empty or missing means no scopes. */
export function splitScopes(scope: string | undefined): string[] {
  if (scope === undefined) return [];
  return [...new Set(scope.split(/[ +]+/).filter((s) => s.length > 0))];
}

/** The scopes Spotify does not know, if any. */
export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((s) => !SPOTIFY_SCOPES.has(s));
}
