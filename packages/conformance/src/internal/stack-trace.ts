import { decodeHTML } from 'entities';

/** A stack frame found in an answer: which runtime's shape, and the text that matched. */
export interface StackTraceFinding {
  runtime: string;
  frame: string;
}

/**
 * Stack frames of the usual server languages, matched on plain text. Each pattern wants the part
 * that only a trace has (a source file with a line number, a fixed header), so that an error
 * message with a time in it ("expired at 12:30:00") is not taken for one.
 */
const FRAMES: readonly { runtime: string; pattern: RegExp }[] = [
  // `app.rb:12:in 'm'` (Ruby 3.4 quotes with ', older Rubies with `)
  { runtime: 'Ruby', pattern: /[^\s:'"]+\.rb:\d+:in [`'‘][^\n]*/ },
  // Sinatra's development page lists frames as `/app/app.rb in block in <class:App>`
  { runtime: 'Ruby', pattern: /[^\s:'"]+\.rb\s+in\s+\S+/ },
  // V8: `at f (file.js:1:2)`, `at file:///app/x.mjs:1:2`, `at node:internal/x:1:2`
  {
    runtime: 'Node',
    pattern: /\bat\s+(?:[^\n()]*\()?(?:node:[\w/.-]+|[^\s()]+\.[cm]?[jt]sx?):\d+:\d+\)?/,
  },
  { runtime: 'Python', pattern: /Traceback \(most recent call last\)/ },
  { runtime: 'Python', pattern: /File "[^"\n]+\.py", line \d+/ },
  // `Stack trace:` then `#0 /var/www/index.php(12): f()`
  { runtime: 'PHP', pattern: /Stack trace:\s*#0\s/ },
  { runtime: 'PHP', pattern: /#\d+ [^\s(]+\.php\(\d+\): / },
  // `at a.b.C(C.java:1)` (Kotlin and Scala frames look the same)
  {
    runtime: 'Java',
    pattern: /\bat\s+[\w$]+(?:\.[\w$<>]+)+\([\w$]+\.(?:java|kt|scala|groovy):\d+\)/,
  },
  { runtime: 'Go', pattern: /goroutine \d+ \[[\w ,]+\]/ },
  { runtime: 'Go', pattern: /[^\s:]+\.go:\d+ \+0x[0-9a-f]+/ },
];

/**
 * What a reader of the answer would see: HTML tags become line breaks and entities are decoded,
 * so a trace inside an error page (`&nbsp;&nbsp;at f (<b>x.js</b>:1:2)`, Sinatra's
 * `&lt;class:App&gt;`) reads as the plain trace it is.
 */
export function visibleText(body: string): string {
  return decodeHTML(body.replace(/<[^>]*>/g, '\n'));
}

/**
 * The first stack frame in an answer body (HTML, JSON or plain text), if there is one.
 *
 * @example
 * ```ts
 * findStackTrace('<pre>Error: x<br> &nbsp; &nbsp;at f (/app/a.js:1:2)</pre>');
 * // { runtime: 'Node', frame: 'at f (/app/a.js:1:2)' }
 * ```
 */
export function findStackTrace(body: string): StackTraceFinding | undefined {
  if (body === '') return undefined;
  // JSON strings escape newlines and quotes; the raw body is searched too, for `"stack":"…"`.
  for (const text of [visibleText(body), body]) {
    for (const { runtime, pattern } of FRAMES) {
      const match = pattern.exec(text);
      if (match) return { runtime, frame: match[0].replace(/\s+/g, ' ').trim().slice(0, 160) };
    }
  }
  return undefined;
}
