/**
 * Picking the app a request is for is part of the flow, in core: `selectApp` is core's
 * `selectClient` over the service's apps (`AppConfig` carries the mode too).
 */
export { allowedRedirectUri, selectClient as selectApp } from '@tokenswap/core';
