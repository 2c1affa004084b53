// AutobahnJS interop client for Junction's integration tests (Node 20).
//
//   node interop_client.js MODE --url URL --serializer json|msgpack|cbor [--realm R] [--prefix P]
//
// Modes mirror ../python/interop_client.py:
//   selftest  a callee/subscriber session and a caller/publisher session in this process
//   callee    registers PREFIX.echo / PREFIX.add2 / PREFIX.fail, prints READY, serves until killed
//   caller    calls them once and reports
//   subscriber  subscribes to PREFIX.topic, prints READY, checks the one event it receives against
//            the event the Python publisher sends (binary, big ints, unicode intact), reports
// The report is one JSON line {"ok": bool, "checks": {...}}; exit status 0 iff ok.
'use strict';

const autobahn = require('autobahn');
const {parseArgs, openSession, Report, withTimeout} = require('./common');

const UNICODE = 'héllo wörld ☃ 𝄞';
const BINARY = Buffer.from(Array.from({length: 256}, (_, i) => i));
const BIG = 2 ** 53;
// Python's EVENT_ARGS / EVENT_KWARGS (interop_client.py)
const EVENT_NESTED = {k: [1, 2.5, null, true]};

// Integers beyond 2^53 - 1 may arrive as BigInt (AutobahnJS's CBOR decoder does that for 64-bit ints).
function sameInt(a, b) {
  return (typeof a === 'bigint' || Number.isInteger(a)) && BigInt(a) === BigInt(b);
}

// AutobahnJS's JSON serializer knows nothing of WAMP's binary convention (a string of "\0" and
// the base64 of the bytes): it would send a Buffer as {"type": "Buffer", ...}. With JSON the script
// therefore writes and reads binary values in that convention itself, so that binary crosses
// between serializers for real.
function toWire(bytes, serializer) {
  return serializer === 'json' ? '\u0000' + bytes.toString('base64') : bytes;
}

function sameBytes(a, b) {
  if (typeof a === 'string' && a.charAt(0) === '\u0000') {
    a = Buffer.from(a.substring(1), 'base64');
  }
  return a != null && typeof a !== 'string' && Buffer.from(a).equals(Buffer.from(b));
}

async function registerAll(session, prefix) {
  await session.register(prefix + '.echo', (args, kwargs) => new autobahn.Result(args, kwargs));
  await session.register(prefix + '.add2', (args) => args[0] + args[1]);
  await session.register(prefix + '.fail', () => {
    throw new autobahn.Error('com.example.error.custom', ['went wrong', 23], {detail: {x: 1}});
  });
}

async function exerciseCalls(session, prefix, report, serializer) {
  let r = await session.call(prefix + '.add2', [20, 22]);
  report.check('call_add2', r === 42, r);

  r = await session.call(prefix + '.echo', [UNICODE, BIG, 1.5, null, true, [1, [2, {a: 3}]], toWire(BINARY, serializer)],
                         {color: 'orange', nested: {k: [1, 2, {z: UNICODE}]}});
  const args = r.args;
  report.check('echo_args', args.length === 7 && args[0] === UNICODE && sameInt(args[1], BIG) && args[2] === 1.5
               && args[3] === null && args[4] === true && JSON.stringify(args[5]) === JSON.stringify([1, [2, {a: 3}]]),
               args);
  report.check('echo_binary', sameBytes(args[6], BINARY), serializer + ' ' + typeof args[6]);
  report.check('echo_kwargs', JSON.stringify(r.kwargs) === JSON.stringify({color: 'orange', nested: {k: [1, 2, {z: UNICODE}]}}),
               r.kwargs);

  try {
    await session.call(prefix + '.fail', [1]);
    report.fail('application_error', 'no error raised');
  } catch (e) {
    report.check('application_error', e.error === 'com.example.error.custom'
                 && JSON.stringify(e.args) === JSON.stringify(['went wrong', 23])
                 && JSON.stringify(e.kwargs) === JSON.stringify({detail: {x: 1}}), e);
  }
  try {
    await session.call(prefix + '.does_not_exist');
    report.fail('no_such_procedure', 'no error raised');
  } catch (e) {
    report.check('no_such_procedure', e.error === 'wamp.error.no_such_procedure', e.error);
  }
}

async function selftest(args) {
  const report = new Report();
  const topic = args.prefix + '.topic';
  const callee = await openSession(args);
  await registerAll(callee.session, args.prefix);
  let gotEvent;
  const eventReceived = new Promise((resolve) => { gotEvent = resolve; });
  await callee.session.subscribe(topic, (a, kw) => gotEvent({args: a, kwargs: kw}));

  const caller = await openSession(args);
  await exerciseCalls(caller.session, args.prefix, report, args.serializer);
  const pub = await caller.session.publish(topic, ['event', 7], {n: BIG}, {acknowledge: true});
  report.check('published_ack', pub && pub.id > 0, pub);
  const ev = await withTimeout(eventReceived, 10000, 'event');
  report.check('event', ev.args.length === 2 && ev.args[0] === 'event' && ev.args[1] === 7
               && Object.keys(ev.kwargs).length === 1 && sameInt(ev.kwargs.n, BIG), ev);
  caller.connection.close();
  callee.connection.close();
  return report;
}

async function subscriber(args) {
  const report = new Report();
  const {connection, session} = await openSession(args);
  let gotEvent;
  const eventReceived = new Promise((resolve) => { gotEvent = resolve; });
  await session.subscribe(args.prefix + '.topic', (a, kw) => gotEvent({args: a || [], kwargs: kw || {}}));
  console.log('READY');
  // the test publishes once every subscriber is ready, which may take a while on a busy machine
  const ev = await withTimeout(eventReceived, 120000, 'event');
  const a = ev.args;
  report.check('event_args', a.length === 4 && a[0] === 'event' && sameBytes(a[1], BINARY) && a[2] === UNICODE
               && sameInt(a[3], BIG), a);
  const kw = ev.kwargs;
  report.check('event_kwargs', sameInt(kw.n, BIG) && sameBytes(kw.blob, BINARY) && kw.s === UNICODE
               && JSON.stringify(kw.nested) === JSON.stringify(EVENT_NESTED)
               && Object.keys(kw).length === 4, kw);
  connection.close();
  return report;
}

async function main() {
  const args = parseArgs(process.argv.slice(2),
      'node interop_client.js selftest|callee|caller|subscriber --url URL [--serializer S]',
      {modes: ['selftest', 'callee', 'caller', 'subscriber'], defaults: {prefix: 'interop.js'}});
  if (args.mode === 'callee') {
    const {session} = await openSession(args);
    await registerAll(session, args.prefix);
    console.log('READY');
    return; // keep serving; the test kills the process
  }
  let report;
  try {
    if (args.mode === 'selftest') {
      report = await withTimeout(selftest(args), 30000, 'selftest');
    } else if (args.mode === 'subscriber') {
      report = await withTimeout(subscriber(args), 180000, 'subscriber');
    } else {
      report = new Report();
      const {connection, session} = await openSession(args);
      await withTimeout(exerciseCalls(session, args.prefix, report, args.serializer), 30000, 'calls');
      connection.close();
    }
  } catch (e) {
    report = report || new Report();
    report.fail('run', e && e.stack || e);
  }
  process.exit(report.emit() ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
