#!/usr/bin/env node
// `npx koubei email-nps --url https://shop.example/survey --lang zh-CN --param order-id={{order_id}}`
// prints the NPS block for an email (HTML, or plain text with --text).
import { parseArgs } from 'node:util';

const USAGE = `Usage: koubei email-nps --url <survey page> [options]

Prints an NPS question for an email: eleven links (0-10) to your survey page,
as an HTML fragment (tables, inline styles) or as plain text.

Options:
  --url <url>          Survey page, absolute http(s) URL (required)
  --lang <tag>         en, zh-CN or zh-TW (default en)
  --brand <name>       Named in the question
  --param <name=value> Extra link parameter, repeatable; mailer placeholders
                       such as {{order_id}} are kept as they are
  --name <name>        Score parameter (default nps)
  --question <text>    Replaces the standard question
  --accent <colour>    Number and border colour (default #1d4ed8)
  --text               Plain-text variant instead of HTML
  -h, --help           This help
`;

function fail(message) {
  process.stderr.write(`koubei: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
if (!command || command === '-h' || command === '--help' || command === 'help') {
  process.stdout.write(USAGE);
  process.exit(command ? 0 : 2);
}
if (command !== 'email-nps') fail(`unknown command "${command}"`);

let values;
try {
  ({ values } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      brand: { type: 'string' },
      param: { type: 'string', multiple: true, default: [] },
      name: { type: 'string' },
      question: { type: 'string' },
      accent: { type: 'string' },
      text: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  fail(e.message);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!values.url) fail('--url is required');
if (!/^(en|zh)([-_]|$)/i.test(values.lang)) fail(`--lang must be en, zh-CN or zh-TW, got "${values.lang}"`);

const params = {};
for (const p of values.param) {
  const i = p.indexOf('=');
  if (i < 1) fail(`--param must be name=value, got "${p}"`);
  params[p.slice(0, i)] = p.slice(i + 1);
}

const { renderEmailNps } = await import('../dist/email.js');
try {
  const out = renderEmailNps({
    surveyUrl: values.url,
    locale: values.lang,
    brand: values.brand,
    params,
    name: values.name,
    question: values.question,
    colors: values.accent ? { accent: values.accent } : undefined,
  });
  process.stdout.write(values.text ? out.text : out.html + '\n');
} catch (e) {
  fail(e.message.replace(/^renderEmailNps: /, '').replace(/^surveyUrl/, '--url').replace(/^colors\.accent/, '--accent'));
}
