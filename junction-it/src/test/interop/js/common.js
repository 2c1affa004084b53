// What the AutobahnJS interop scripts share (Node 20): the command line, the connection for --url,
// the JSON report line and timeouts.
'use strict';

const fs = require('fs');
const https = require('https');
const autobahn = require('autobahn');

// `[MODE] --name value ...` as {mode, name: value, ...}, "--trust-root" as trust_root; realm
// "realm1" and serializer "json" unless given or in `defaults`. Without `modes` there is no MODE.
// Exits with status 2 and the usage when MODE is not one of `modes` or --url is missing.
function parseArgs(argv, usage, {modes = null, defaults = {}} = {}) {
  const args = Object.assign({realm: 'realm1', serializer: 'json'}, defaults);
  let i = 0;
  if (modes) {
    args.mode = argv[i++];
  }
  for (; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '').replace(/-/g, '_')] = argv[i + 1];
  }
  if ((modes && !modes.includes(args.mode)) || !args.url) {
    console.error('usage: ' + usage);
    process.exit(2);
  }
  return args;
}

function serializerFor(name) {
  switch (name) {
    case 'json': return new autobahn.serializer.JSONSerializer();
    case 'msgpack': return new autobahn.serializer.MsgpackSerializer();
    case 'cbor': return new autobahn.serializer.CBORSerializer();
    default: throw new Error('unsupported serializer ' + name);
  }
}

// Connection options for args.url (ws://, wss://, or rs:// / tcp:// for RawSocket, which AutobahnJS
// speaks with JSON only), args.serializer and args.realm, without retries. With args.trust_root (a
// PEM file), wss:// trusts that CA.
function connectionOptions(args) {
  let transport;
  if (args.url.startsWith('rs://') || args.url.startsWith('tcp://')) {
    const u = new URL(args.url.replace(/^rs:/, 'tcp:'));
    transport = {type: 'rawsocket', host: u.hostname, port: Number(u.port), serializer: args.serializer};
  } else {
    transport = {type: 'websocket', url: args.url, serializers: [serializerFor(args.serializer)]};
    if (args.trust_root) {
      transport.agent = new https.Agent({ca: fs.readFileSync(args.trust_root)});
    }
  }
  return {realm: args.realm, max_retries: 0, transports: [transport]};
}

// Opens a session: {connection, session, closed}, where `closed` resolves with [reason, details]
// when the connection closes. Rejects if the connection closes before the session opens.
function openSession(args) {
  let onClosed;
  const closed = new Promise((resolve) => { onClosed = resolve; });
  return new Promise((resolve, reject) => {
    const connection = new autobahn.Connection(connectionOptions(args));
    connection.onopen = (session) => resolve({connection, session, closed});
    connection.onclose = (reason, details) => {
      onClosed([reason, details]);
      reject(new Error('connection closed: ' + reason + ' ' + show(details)));
      return true; // do not retry
    };
    connection.open();
  });
}

// JSON text of a value for failure details; BigInts as their decimal digits.
function show(value) {
  return JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

// IDs may arrive as BigInt (AutobahnJS's CBOR decoder makes BigInts of 64-bit integers).
function sameId(a, b) {
  return a != null && b != null && BigInt(a) === BigInt(b);
}

// The checks of a run, printed as one JSON line {"ok": bool, "checks": {name: true | "failed: ..."}}.
class Report {
  constructor() { this.checks = {}; }
  check(name, condition, detail) { this.checks[name] = condition ? true : 'failed: ' + show(detail); }
  fail(name, detail) { this.checks[name] = 'failed: ' + String(detail); }
  // Prints the report; returns whether every check passed.
  emit() {
    const ok = Object.keys(this.checks).length > 0 && Object.values(this.checks).every((v) => v === true);
    console.log(JSON.stringify({ok, checks: this.checks}));
    return ok;
  }
}

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + what)), ms))]);
}

module.exports = {parseArgs, connectionOptions, openSession, show, sameId, Report, withTimeout};
