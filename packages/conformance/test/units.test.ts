import { describe, expect, it } from 'vitest';
import { tamper } from '../src/cases/errors.js';
import {
  CASES,
  type ConformanceReport,
  fillPlaceholders,
  formatJunit,
  formatPretty,
  selectCases,
  summaryLine,
} from '../src/index.js';
import { Masker, maskValue } from '../src/internal/mask.js';

describe('the catalogue', () => {
  it('has unique, well-formed ids, a level and a basis for every case', () => {
    const ids = CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CASES) {
      expect(c.id).toMatch(/^(SWAP|REFRESH|PKCE|REF|ERR|SEC|FAULT|LOAD)-\d{3}$/);
      expect(['MUST', 'SHOULD', 'MAY']).toContain(c.level);
      expect(c.basis.length).toBeGreaterThan(20);
    }
  });
});

describe('selectCases', () => {
  it('filters by id, prefix (case-insensitive), skip and level', () => {
    const ids = (f: Parameters<typeof selectCases>[1]) => selectCases(CASES, f).map((c) => c.id);
    expect(ids({ only: ['pkce'] })).toEqual(['PKCE-001', 'PKCE-002']);
    expect(ids({ only: ['SWAP-00'], skip: ['SWAP-006'], level: 'must' })).toEqual([
      'SWAP-001',
      'SWAP-002',
      'SWAP-003',
      'SWAP-004',
      'SWAP-005',
    ]);
    expect(
      ids({ level: 'must' }).every((id) => CASES.find((c) => c.id === id)?.level === 'MUST'),
    ).toBe(true);
    expect(ids({ level: 'should' })).toHaveLength(CASES.filter((c) => c.level !== 'MAY').length);
  });
});

describe('placeholders', () => {
  it('fills known names everywhere and leaves other braces alone', () => {
    const values = {
      accounts_url: 'http://127.0.0.1:9',
      client_id: 'id',
      client_secret: 'sec',
      redirect_uri: 'app://cb',
      port: '4000',
      random_key: 'KEY',
      random_secret: 'SECRET',
    };
    expect(
      fillPlaceholders('node s.js --port {port} {accounts_url}/x $HOME {other} {port}', values),
    ).toBe('node s.js --port 4000 http://127.0.0.1:9/x $HOME {other} 4000');
  });
});

describe('masking', () => {
  it('keeps a prefix and the length, never the value', () => {
    expect(maskValue('AQDy8abcdefghxMhKNA')).toBe('AQDy…[19 chars]');
    expect(maskValue('short')).toBe('•••••');
    const masker = new Masker();
    masker.remember('the-client-secret-value');
    expect(masker.form('code=AQDy8abcdefghxMhKNA&state=s&x=the-client-secret-value')).toBe(
      'code=AQDy…[19 chars]&state=s&x=the-…[23 chars]',
    );
    expect(masker.json('{"refresh_token":"NgCXRKabcdefMzYjw","expires_in":3600}')).toBe(
      '{"refresh_token":"NgCX…[17 chars]","expires_in":3600}',
    );
  });

  it('tampers a token in its middle', () => {
    expect(tamper('v1.k1.AAAAAAAAAA')).toBe('v1.k1.AABAAAAAAA');
    expect(tamper('xyzxyz')).toBe('xyzayz');
    expect(tamper('ab.-_cd')).toBe('ab.-_ad');
  });
});

const REPORT: ConformanceReport = {
  ok: false,
  seed: 42,
  strict: false,
  rootCauses: [
    { id: 'SEC-001', level: 'MUST', title: 't', message: 'bad\u0001byte', blocks: ['SEC-009'] },
  ],
  startedAt: '2026-11-24T23:00:00.000Z',
  durationMs: 1234,
  target: { swapUrl: 'http://h/swap', refreshUrl: 'http://h/refresh', accountsUrl: 'http://m' },
  summary: { passed: 1, failed: 1, skipped: 1, mustFailed: 1, shouldFailed: 0, blocked: 0 },
  results: [
    { id: 'SWAP-001', title: 'ok', level: 'MUST', basis: 'b', status: 'passed', durationMs: 5 },
    {
      id: 'SEC-001',
      title: 'a <tricky> "title" & more',
      level: 'MUST',
      basis: 'RFC 6749 §5.1',
      status: 'failed',
      durationMs: 7,
      message: 'bad\u0001byte',
      evidence: { request: 'POST http://h/swap', response: 'HTTP 200 (3 ms)\n\n{"a":"<b>"}' },
      transcript: [{ request: 'POST http://h/refresh', response: 'HTTP 400 (1 ms)' }],
    },
    {
      id: 'SEC-005',
      title: 'x',
      level: 'MUST',
      basis: 'b',
      status: 'skipped',
      durationMs: 0,
      message: 'no second deployment',
    },
  ],
};

describe('reporters', () => {
  it('junit escapes markup and control characters', () => {
    const xml = formatJunit(REPORT);
    expect(xml).toContain('name="SEC-001 [MUST] a &lt;tricky&gt; &quot;title&quot; &amp; more"');
    expect(xml).toContain('<failure message="bad\ufffdbyte" type="MUST">');
    expect(xml).toContain('{&quot;a&quot;:&quot;&lt;b&gt;&quot;}');
    expect(xml).toContain('<skipped message="no second deployment"/>');
    expect(xml).toContain('<property name="seed" value="42"/>');
    expect(xml).toContain(
      '<property name="root-cause" value="SEC-001 [MUST] bad\ufffdbyte (blocks 1: SEC-009)"/>',
    );
    expect(xml).toContain(
      'transcript #1\nrequest:\nPOST http://h/refresh\n\nresponse:\nHTTP 400 (1 ms)',
    );
    expect(xml).toMatch(
      /<testsuites name="tokenswap-conformance" tests="3" failures="1" skipped="1" time="1.234">/,
    );
  });

  it('pretty shows the table, skips with reasons and failures with evidence', () => {
    const text = formatPretty(REPORT);
    expect(text).toContain('RESULT  ID        LEVEL  TIME  CASE');
    expect(text).toContain('SKIP    SEC-005   MUST   0 ms  x');
    expect(text).toContain('  SEC-005: no second deployment');
    expect(text).toContain(
      'FAIL SEC-001 [MUST] a <tricky> "title" & more\n  why:   bad\u0001byte\n  basis: RFC 6749 §5.1\n  request:\n    POST http://h/swap',
    );
    expect(text).toContain('1 MUST case failed');
    // The root causes open the report, right under the seed.
    expect(text).toMatch(
      /^tokenswap conformance — .*\nseed 42\n\nRoot causes \(fix these first\):\n/,
    );
    expect(text).toContain('\n  SEC-001 [MUST] bad\u0001byte (blocks 1: SEC-009)\n\nRESULT');
    expect(text).toContain(
      '  transcript (1 exchange):\n    #1\n    request:\n      POST http://h/refresh',
    );
    expect(summaryLine(REPORT.summary)).toBe('1 passed, 1 failed, 1 skipped');
  });
});
