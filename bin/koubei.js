#!/usr/bin/env node
// `npx koubei collector [options]` runs the collector (dist/collector.js);
// `npx koubei email-nps --url https://shop.example/survey --lang zh-CN --param order-id={{order_id}}`
// prints the NPS block for an email (HTML, or plain text with --text).
import { parseArgs } from 'node:util';

const USAGE = `Usage: koubei collector [options]     (koubei collector --help)
       koubei email-nps --url <survey page> [options]

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

Signed links (one block per recipient; see README "Signed links"):
  --survey-id <id>     The survey page's survey-id (signed)
  --order-id <id>      This email's order; the response id is derived from it,
                       and each link carries it, signed, as order-id
  --key-id <id>        Names the signing key (for rotation)
  --secret-env <NAME>  Environment variable holding the secret (never the
                       secret itself on the command line)
  --expires-in <time>  How long the links work: 30d, 72h, 90m (default 30d)
`;

function fail(message) {
  process.stderr.write(`koubei: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'collector') {
  const { runCli } = await import('../dist/collector.js');
  process.exitCode = await runCli(rest);
  // The collector keeps running until a signal; runCli resolves at once for --help and bad flags.
} else {
if (!command || command === '-h' || command === '--help' || command === 'help') {
  process.stdout.write(USAGE);
  process.exit(command ? 0 : 2);
}
if (command !== 'email-nps') fail(`unknown command "${command}"`);

// The secret is read from the environment only: a command line is visible to every user of the machine (ps) and
// kept in shell history. This check comes before parseArgs, whose message would repeat the value.
if (rest.some((a) => /^--secret(=|$)/.test(a))) fail('there is no --secret: put the secret in an environment variable and pass its name with --secret-env NAME');

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
      'survey-id': { type: 'string' },
      'order-id': { type: 'string' },
      'key-id': { type: 'string' },
      'secret-env': { type: 'string' },
      'expires-in': { type: 'string' },
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

// Any signing option asks for a signed block, which needs all of them but --expires-in.
const SIGNING = ['survey-id', 'order-id', 'key-id', 'secret-env', 'expires-in'];
let sign;
let shown = '';
if (SIGNING.some((k) => values[k] !== undefined)) {
  const absent = SIGNING.slice(0, 4).filter((k) => !values[k]);
  if (absent.length) fail(`signed links need ${absent.map((k) => `--${k}`).join(', ')} as well`);
  const env = values['secret-env'];
  // Shown in messages only when it looks like a variable name: a secret pasted here by mistake is not repeated.
  shown = /^[A-Z_][A-Z0-9_]{0,63}$/.test(env) ? ` ${env}` : '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(env)) fail('--secret-env takes the name of an environment variable (letters, digits, _), not the secret itself');
  const secret = process.env[env];
  if (!secret) fail(`--secret-env${shown}: that environment variable is not set or is empty`);
  // The collector's KOUBEI_LINK_SECRET is "kid=secret,…"; signing with that whole string makes links that never verify.
  // A hex or base64 secret has no "=" before its end, so "name=value" is this mistake.
  if (/^[\w.-]+=[^=]/.test(secret) || secret.includes(','))
    fail(`--secret-env${shown} holds a kid=secret list (the collector's --link-secret form): give the mailer a variable that holds only the secret of --key-id`);
  sign = { secret, keyId: values['key-id'], expiresIn: values['expires-in'] ?? '30d' };
}

const { renderEmailNps } = await import('../dist/email.js');
try {
  const out = await renderEmailNps({
    surveyUrl: values.url,
    locale: values.lang,
    brand: values.brand,
    params,
    name: values.name,
    question: values.question,
    colors: values.accent ? { accent: values.accent } : undefined,
    ...(sign && { sign, surveyId: values['survey-id'], orderId: values['order-id'] }),
  });
  process.stdout.write(values.text ? out.text : out.html + '\n');
} catch (e) {
  const FLAGS = [
    [/^surveyUrl/, '--url'],
    [/^colors\.accent/, '--accent'],
    [/^sign\.keyId|^keyId/, '--key-id'],
    [/^sign\.expiresIn/, '--expires-in'],
    [/^sign\.secret/, `the secret in --secret-env${shown}`],
    [/^orderId/, '--order-id'],
    [/^surveyId/, '--survey-id'],
    [/^params\./, '--param '],
    [/^name/, '--name'],
  ];
  let message = e.message.replace(/^renderEmailNps: /, '');
  for (const [re, flag] of FLAGS) message = message.replace(re, flag);
  fail(message);
}
}
