#!/usr/bin/env node
// Thin launcher so the bin exists before `dist/` is built (pnpm links bins at install time).
// It runs the bundled entry, one file that starts in about half the time of dist/server.js's
// ~500 modules (README, "Production deployment").
import '../dist/server.bundle.js';
