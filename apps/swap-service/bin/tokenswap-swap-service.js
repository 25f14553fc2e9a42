#!/usr/bin/env -S node --max-semi-space-size=2
// --max-semi-space-size=2: V8's young generation capped at 2 MB semi-spaces instead of 16, which
// keeps peak RSS under load ~20 % lower at no measured CPU cost (bench/README.md, Findings).
// Thin launcher so the bin exists before `dist/` is built (pnpm links bins at install time).
// It runs the bundled entry, one file that starts in about half the time of dist/server.js's
// ~500 modules (README, "Production deployment").
import '../dist/server.bundle.js';
