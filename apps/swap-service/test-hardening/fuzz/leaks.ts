import { carriesRequestBytes, decodedViews } from '@tokenswap/test-support/log-views';

/**
 * Finds secrets in text: the client secret (also as the Basic credential), and any mock-issued
 * refresh token or authorization code. The mock's tokens and codes are `AQ` + 128 base64url
 * characters; every such standalone run is checked against the known values and the mock.
 */
export interface SecretScanner {
  /** Descriptions of what leaked (empty when nothing did). */
  scan(text: string): string[];
  /** Remembers a code or upstream token that must never show up. */
  remember(value: string): void;
  /** Remembers any other value that must never show up (a sealed token posted). */
  rememberLiteral(value: string): void;
}

/**
 * What leaked into one log line: the secrets of `scanner` in the line or in any byte array,
 * Base64 or hex run decoded from it, and `request bytes` when a request head shows up in one.
 */
export function scanLogLine(line: string, scanner: SecretScanner): string[] {
  const found = new Set(decodedViews(line).flatMap((view) => scanner.scan(view)));
  if (carriesRequestBytes(line)) found.add('request bytes');
  return [...found];
}

const MOCK_TOKEN = /(?<![A-Za-z0-9_-])AQ[A-Za-z0-9_-]{128}(?![A-Za-z0-9_-])/g;

export function secretScanner(options: {
  clientId: string;
  clientSecret: string;
  isIssuedRefreshToken: (token: string) => boolean;
}): SecretScanner {
  const known = new Set<string>();
  const literals = new Set<string>();
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
  return {
    remember: (value) => {
      known.add(value);
    },
    rememberLiteral: (value) => {
      literals.add(value);
    },
    scan(text) {
      const found: string[] = [];
      if (text.includes(options.clientSecret)) found.push('the client secret');
      if (text.includes(basic)) found.push('the Basic credential');
      for (const value of literals) {
        if (text.includes(value)) found.push(`a posted value (${value.slice(0, 8)}…)`);
      }
      for (const match of text.matchAll(MOCK_TOKEN)) {
        const token = match[0];
        if (known.has(token)) found.push(`a known code/upstream token (${token.slice(0, 8)}…)`);
        else if (options.isIssuedRefreshToken(token))
          found.push(`a mock-issued refresh token (${token.slice(0, 8)}…)`);
      }
      return found;
    },
  };
}
