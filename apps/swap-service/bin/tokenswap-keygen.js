#!/usr/bin/env node
// Prints a fresh sealing key pair for TOKEN_ENCRYPTION_KEYS (see README, "Key rotation").
import '../dist/keygen.js';
