/**
 * @tokenswap/core from its built dist (the bench is not a workspace package, so it cannot
 * import it by name). `pnpm bench` builds it first.
 */
export {
  generateKeySpec,
  importKeyring,
  openRefreshToken,
  parseKeyringSpec,
  sealRefreshToken,
} from '../../packages/core/dist/index.js';
