// AutobahnJS client of Junction's meta API, testaments and event history (Node 20).
//
//   node meta_api.js selftest --url URL --serializer json|msgpack|cbor [--realm R] [--prefix P]
//
// Mirrors ../python/meta_api.py selftest: a target session registers P.proc, subscribes to P.topic,
// leaves a testament on P.will and publishes (acknowledged) to P.history.x; a watcher session sees
// its wamp.session.on_join, reads it with the meta procedures, reads the event history, kills it
// with a reason and a message and sees its on_leave and its testament. The router must keep
// history for the prefix P.history. One JSON report line; exit status 0 iff ok.
'use strict';

const autobahn = require('autobahn');

function parseArgs(argv) {
  const args = {mode: argv[0], realm: 'realm1', serializer: 'json', prefix: 'meta.js'};
  for (let i = 1; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  if (args.mode !== 'selftest' || !args.url) {
    console.error('usage: node meta_api.js selftest --url URL [--serializer S] [--prefix P]');
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

function connectionOptions(args) {
  if (args.url.startsWith('rs://')) {
    const u = new URL(args.url.replace(/^rs:/, 'tcp:'));
    return {realm: args.realm, max_retries: 0,
            transports: [{type: 'rawsocket', host: u.hostname, port: Number(u.port), serializer: args.serializer}]};
  }
  return {realm: args.realm, max_retries: 0,
          transports: [{type: 'websocket', url: args.url, serializers: [serializerFor(args.serializer)]}]};
}

// Opens a session; `closed` resolves with [reason, details] when the connection closes.
function openSession(args) {
  let onClosed;
  const closed = new Promise((resolve) => { onClosed = resolve; });
  const opened = new Promise((resolve, reject) => {
    const connection = new autobahn.Connection(connectionOptions(args));
    connection.onopen = (session) => resolve({connection, session, closed});
    connection.onclose = (reason, details) => {
      onClosed([reason, details]);
      reject(new Error('connection closed: ' + reason));
      return true; // do not retry
    };
    connection.open();
  });
  return opened;
}

function show(value) {
  return JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

// IDs may arrive as BigInt from the CBOR decoder.
function same(a, b) {
  return a != null && b != null && BigInt(a) === BigInt(b);
}

class Report {
  constructor() { this.checks = {}; }
  check(name, condition, detail) { this.checks[name] = condition ? true : 'failed: ' + show(detail); }
  fail(name, detail) { this.checks[name] = 'failed: ' + String(detail); }
  emit() {
    const ok = Object.keys(this.checks).length > 0 && Object.values(this.checks).every((v) => v === true);
    console.log(JSON.stringify({ok, checks: this.checks}));
    return ok;
  }
}

async function waitUntil(condition, seconds) {
  for (let i = 0; i < seconds * 20; i++) {
    if (condition()) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out after ' + seconds + ' s');
}

async function expectError(report, name, uri, promise) {
  try {
    await promise;
    report.fail(name, 'no error raised');
  } catch (e) {
    report.check(name, e.error === uri, e.error);
  }
}

async function selftest(args) {
  const report = new Report();
  const p = args.prefix;
  const joined = [];
  const left = [];
  const wills = [];
  const watcher = await openSession(args);
  const w = watcher.session;
  await w.subscribe('wamp.session.on_join', (a) => joined.push(a[0]));
  await w.subscribe('wamp.session.on_leave', (a) => left.push(a));
  await w.subscribe(p + '.will', (a, kw) => wills.push([a, kw]));

  const target = await openSession(args);
  const t = target.session;
  await t.register(p + '.proc', () => 'proc');
  await t.subscribe(p + '.topic', () => {});
  await t.call('wamp.session.add_testament', [p + '.will', ['bye'], {from: 'target'}]);
  const pub = await t.publish(p + '.history.x', ['kept', 1], {}, {acknowledge: true});
  const targetId = t.id;

  await waitUntil(() => joined.some((i) => same(i.session, targetId)), 10);
  const info = joined.find((i) => same(i.session, targetId));
  report.check('on_join', info.authrole === 'anonymous' && 'authid' in info && 'transport' in info, info);

  const count = await w.call('wamp.session.count');
  report.check('session_count', Number(count) >= 2, count);
  const ids = await w.call('wamp.session.list', [['anonymous']]);
  report.check('session_list', ids.some((i) => same(i, targetId)), ids);
  const got = await w.call('wamp.session.get', [targetId]);
  report.check('session_get', same(got.session, targetId), got);

  const regId = await w.call('wamp.registration.lookup', [p + '.proc']);
  const reg = await w.call('wamp.registration.get', [regId]);
  const callees = await w.call('wamp.registration.list_callees', [regId]);
  report.check('registration_meta', reg.uri === p + '.proc' && reg.match === 'exact' && callees.length === 1
               && same(callees[0], targetId), [reg, callees]);

  const subId = await w.call('wamp.subscription.lookup', [p + '.topic']);
  const matching = await w.call('wamp.subscription.match', [p + '.topic']);
  const n = await w.call('wamp.subscription.count_subscribers', [subId]);
  report.check('subscription_meta', matching.length === 1 && same(matching[0], subId) && Number(n) === 1, [matching, n]);

  const history = await w.subscribe(p + '.history.', () => {}, {match: 'prefix'});
  const events = await w.call('wamp.subscription.get_events', [history.id], {limit: 10});
  report.check('get_events', events.length === 1 && same(events[0].publication, pub.id)
               && show(events[0].args) === show(['kept', 1]) && events[0].details.topic === p + '.history.x'
               && typeof events[0].timestamp === 'string', events);

  await expectError(report, 'kill_invalid_uri', 'wamp.error.invalid_uri',
                    w.call('wamp.session.kill', [targetId], {reason: 'not a uri'}));
  await w.call('wamp.session.kill', [targetId], {reason: 'com.example.kicked', message: 'bye bye'});
  const [, closeDetails] = await target.closed;
  report.check('killed_reason', closeDetails.reason === 'com.example.kicked' && closeDetails.message === 'bye bye',
               closeDetails);

  await waitUntil(() => left.some((a) => same(a[0], targetId)), 10);
  const leave = left.find((a) => same(a[0], targetId));
  report.check('on_leave', leave.length === 3 && leave[2] === 'anonymous', leave);
  await waitUntil(() => wills.length > 0, 10);
  report.check('testament', show(wills[0]) === show([['bye'], {from: 'target'}]), wills);
  await expectError(report, 'no_such_session', 'wamp.error.no_such_session', w.call('wamp.session.get', [targetId]));

  watcher.connection.close();
  return report;
}

const args = parseArgs(process.argv.slice(2));
const timer = setTimeout(() => {
  console.log(JSON.stringify({ok: false, checks: {completion: 'failed: timed out'}}));
  process.exit(1);
}, 60000);
selftest(args).then((report) => {
  clearTimeout(timer);
  process.exit(report.emit() ? 0 : 1);
}, (e) => {
  clearTimeout(timer);
  console.log(JSON.stringify({ok: false, checks: {selftest: 'failed: ' + (e && e.stack || e)}}));
  process.exit(1);
});
