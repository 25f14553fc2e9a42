import { describe, expect, it } from 'vitest';
import { findStackTrace, visibleText } from '../src/internal/stack-trace.js';

// SEC-004's detector, one fixture per runtime, each also as an error page would carry it (tags,
// HTML entities). The live pages — Sinatra's development page and Express's error page — are
// proven end to end by the stack-trace servers of defect-family.test.ts.
const FIXTURES: [runtime: string, shape: string, body: string][] = [
  ['Ruby', 'plain frame (Ruby 3.4 quotes)', "app.rb:12:in 'refresh'\n"],
  ['Ruby', 'plain frame (older Rubies)', "NoMethodError\n/srv/app.rb:12:in `block in <main>'"],
  [
    'Ruby',
    "Sinatra's development page",
    '<li class="frame-info app"><code>/srv/app.rb</code> in\n<code><strong>block in &lt;class:SwapServer&gt;</strong></code></li>',
  ],
  ['Node', 'plain frame', 'Error: boom\n    at f (file.js:1:2)'],
  [
    'Node',
    "Express's error page",
    '<pre>SyntaxError: Unexpected end of JSON input<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;at parse (/app/node_modules/body-parser/lib/types/json.js:92:19)</pre>',
  ],
  [
    'Node',
    'in a JSON body',
    '{"error":"server_error","stack":"Error: x\\n    at run (/app/s.mjs:3:9)"}',
  ],
  [
    'Python',
    'traceback',
    'Traceback (most recent call last):\n  File "app.py", line 12, in refresh\nKeyError: \'x\'',
  ],
  ['Python', 'frame in HTML', '<div>File &quot;/srv/app.py&quot;, line 12, in refresh</div>'],
  [
    'PHP',
    'uncaught exception',
    '<b>Fatal error</b>:  Uncaught Exception: x in /var/www/index.php:3\nStack trace:\n#0 {main}',
  ],
  ['PHP', 'frame in HTML', 'Stack trace:<br />\n#0 /var/www/index.php(12): refresh()<br />'],
  ['Java', 'plain frame', 'java.lang.IllegalStateException\n\tat a.b.C(C.java:1)'],
  [
    'Java',
    "Tomcat's error page",
    '<pre>java.lang.NullPointerException\n\tat com.example.Swap.refresh(Swap.java:42)\n</pre>',
  ],
  ['Go', 'panic', 'panic: boom\n\ngoroutine 1 [running]:\nmain.main()'],
  ['Go', 'frame', '\t/srv/main.go:12 +0x1d'],
];

describe('findStackTrace', () => {
  it.each(FIXTURES)('finds a %s stack trace: %s', (runtime, _shape, body) => {
    expect(findStackTrace(body)?.runtime).toBe(runtime);
  });

  it.each([
    ['an OAuth error', '{"error":"invalid_grant","error_description":"Invalid refresh token"}'],
    ['a time in a message', '{"error":"invalid_grant","error_description":"expired at 12:30:00"}'],
    ['a date-time', 'Token expired at 2026-11-26T12:30:00Z'],
    ['a framework 404 page', '<h1>Not Found</h1><p>Cannot GET /swap</p>'],
    ['Sinatra in production', '<h1>Internal Server Error</h1>'],
    ['an empty body', ''],
  ])('finds none in %s', (_what, body) => {
    expect(findStackTrace(body)).toBeUndefined();
  });

  it('names the frame it found, as one line', () => {
    expect(findStackTrace('<pre>Error: x<br> &nbsp; &nbsp;at f (/app/a.js:1:2)</pre>')).toEqual({
      runtime: 'Node',
      frame: 'at f (/app/a.js:1:2)',
    });
  });

  it('reads HTML as a person would: tags out, entities decoded', () => {
    expect(visibleText('<b>a</b>&lt;b&gt;&#39;&amp;')).toBe("\na\n<b>'&");
  });
});
