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

const {parseArgs, openSession, show, sameId, Report, withTimeout} = require('./common');

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

  await waitUntil(() => joined.some((i) => sameId(i.session, targetId)), 10);
  const info = joined.find((i) => sameId(i.session, targetId));
  report.check('on_join', info.authrole === 'anonymous' && 'authid' in info && 'transport' in info, info);

  const count = await w.call('wamp.session.count');
  report.check('session_count', Number(count) >= 2, count);
  const ids = await w.call('wamp.session.list', [['anonymous']]);
  report.check('session_list', ids.some((i) => sameId(i, targetId)), ids);
  const got = await w.call('wamp.session.get', [targetId]);
  report.check('session_get', sameId(got.session, targetId), got);

  const regId = await w.call('wamp.registration.lookup', [p + '.proc']);
  const reg = await w.call('wamp.registration.get', [regId]);
  const callees = await w.call('wamp.registration.list_callees', [regId]);
  report.check('registration_meta', reg.uri === p + '.proc' && reg.match === 'exact' && callees.length === 1
               && sameId(callees[0], targetId), [reg, callees]);

  const subId = await w.call('wamp.subscription.lookup', [p + '.topic']);
  const matching = await w.call('wamp.subscription.match', [p + '.topic']);
  const n = await w.call('wamp.subscription.count_subscribers', [subId]);
  report.check('subscription_meta', matching.length === 1 && sameId(matching[0], subId) && Number(n) === 1, [matching, n]);

  const history = await w.subscribe(p + '.history.', () => {}, {match: 'prefix'});
  const events = await w.call('wamp.subscription.get_events', [history.id], {limit: 10});
  report.check('get_events', events.length === 1 && sameId(events[0].publication, pub.id)
               && show(events[0].args) === show(['kept', 1]) && events[0].details.topic === p + '.history.x'
               && typeof events[0].timestamp === 'string', events);

  await expectError(report, 'kill_invalid_uri', 'wamp.error.invalid_uri',
                    w.call('wamp.session.kill', [targetId], {reason: 'not a uri'}));
  await w.call('wamp.session.kill', [targetId], {reason: 'com.example.kicked', message: 'bye bye'});
  const [, closeDetails] = await target.closed;
  report.check('killed_reason', closeDetails.reason === 'com.example.kicked' && closeDetails.message === 'bye bye',
               closeDetails);

  await waitUntil(() => left.some((a) => sameId(a[0], targetId)), 10);
  const leave = left.find((a) => sameId(a[0], targetId));
  report.check('on_leave', leave.length === 3 && leave[2] === 'anonymous', leave);
  await waitUntil(() => wills.length > 0, 10);
  report.check('testament', show(wills[0]) === show([['bye'], {from: 'target'}]), wills);
  await expectError(report, 'no_such_session', 'wamp.error.no_such_session', w.call('wamp.session.get', [targetId]));

  watcher.connection.close();
  return report;
}

async function main() {
  const args = parseArgs(process.argv.slice(2), 'node meta_api.js selftest --url URL [--serializer S] [--prefix P]',
      {modes: ['selftest'], defaults: {prefix: 'meta.js'}});
  let report;
  try {
    report = await withTimeout(selftest(args), 60000, 'selftest');
  } catch (e) {
    report = new Report();
    report.fail('selftest', e && e.stack || e);
  }
  process.exit(report.emit() ? 0 : 1);
}

main();
