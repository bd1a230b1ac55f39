'use strict';
// The users the pages are rendered for: a plain one, and one whose name, email and custom
// attributes carry values built to break out of a <script> element or a JavaScript string.
// Every hostile value calls window.__trap() if it ever runs as code.

const PLAIN_USER = {
  identifier: 'user-4711',
  name: 'Jane Doe',
  email: 'jane@example.com',
  custom_attributes: { plan: 'pro', seats: 3, ratio: 2.5, trial: false },
};

const CALL_TRAP = 'window.__trap()';

const HOSTILE_VALUES = {
  script_end: `</script><script>${CALL_TRAP}</script>`,
  script_end_mixed_case: `</ScRiPt ><sCrIpT>${CALL_TRAP}</SCRIPT>`,
  comment_open: `<!--<script>${CALL_TRAP}</script>`,
  comment_bare: '<!--',
  cdata_end: ']]>',
  html_entities: `&lt;/script&gt;&amp;&#x3c;&quot;`,
  quotes: `"); ${CALL_TRAP}; ("' ${CALL_TRAP} '\` \${${CALL_TRAP}} \``,
  backslashes: `\\ \\\\ \\" \\u003c/script\\u003e \\u2028 \\x3c \\`,
  line_separators: `a\u2028b\u2029c\u2028\u2029${CALL_TRAP}`,
  control_characters: 'tab\there\r\nnul\u0000bell\u0007end\u001f',
  emoji: '😀 👩‍👩‍👧‍👦 🏳️‍🌈 \u{10FFFF}\uFEFF',
  javascript_url: `javascript:${CALL_TRAP}`,
  attribute_break: `" onload="${CALL_TRAP}" x="`,
};

// About 100 KB of hostile text. The whole user travels in one environment variable, which
// Linux caps at 128 KiB, so the long value stays under 100 KiB.
const LONG_PATTERN = `</script><script>${CALL_TRAP}</script><!--\u2028😀]]>'"\\`;
const LONG_VALUE = LONG_PATTERN.repeat(Math.ceil(100_000 / Buffer.byteLength(LONG_PATTERN)));

const HOSTILE_USER = {
  identifier: 'hostile-1',
  name: Object.values(HOSTILE_VALUES).join(' | '),
  email: `"</script><script>${CALL_TRAP}</script>"@example.com`,
  custom_attributes: {
    ...HOSTILE_VALUES,
    long: LONG_VALUE,
    [`</script><script>${CALL_TRAP}</script>`]: 'hostile key',
    'key with \u2028 and "quotes"': true,
  },
};

module.exports = { PLAIN_USER, HOSTILE_USER, HOSTILE_VALUES, LONG_VALUE };
