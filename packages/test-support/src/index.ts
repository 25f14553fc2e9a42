export { CHROMIUM_PATH, chromiumSkipReason, launchChromium } from './chromium.js';
export { screenshotPath } from './screenshot-path.js';
