export { CHROMIUM_PATH, chromiumSkipReason, launchChromium } from './chromium.js';
