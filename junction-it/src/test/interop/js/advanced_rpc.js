// AutobahnJS (Node 20) against Junction's Advanced Profile RPC features.
//
//   node advanced_rpc.js selftest --url URL --serializer json|msgpack|cbor [--realm R] [--prefix P]
//
// Three sessions in this process, callees A and B and caller C. Checks:
//   progressive_results    progressive results of PREFIX.java_progress (a Junction client callee the
//                          test registers: 1, 2, then "done") reach C's progress callback
//   progress_not_offered   A announces progressive_call_results but not call_canceling (AutobahnJS
//                          22.11): the dealer treats it as not supporting progress (spec), so A is
//                          not offered any
//   caller_identification  C calls with disclose_me: A sees C's session ID in details.caller
//   pattern_prefix, pattern_wildcard  A's prefix and wildcard registrations get details.procedure
//   shared_roundrobin      A and B share a registration (invoke: roundrobin): calls alternate
//   timeout                C's call with timeout: 200 (ms) ends in wamp.error.timeout
//   cancel                 C cancels a call with mode "kill"; A does not announce call_canceling
//                          (AutobahnJS 22.11 does not), so the dealer answers wamp.error.canceled
//                          at once. (Other modes make AutobahnJS forget the call and then close
//                          the session on the router's ERROR for it.)
//   force_reregister       B takes a procedure over from A; A's registration is revoked
//                          (on_unregister resolves with the reason) and C's calls go to B
// The report is one JSON line {"ok": bool, "checks": {...}}; exit status 0 iff ok.
'use strict';

const {parseArgs, openSession, Report, withTimeout} = require('./common');

async function expectError(promise, uri) {
  try {
    const r = await promise;
    return 'no error: ' + JSON.stringify(r);
  } catch (e) {
    return e.error === uri ? true : 'error ' + e.error;
  }
}

async function selftest(args) {
  const report = new Report();
  const p = args.prefix;
  const opened = [];
  try {
    const a = await openSession(args);
    const b = await openSession(args);
    const c = await openSession(args);
    opened.push(a, b, c);

    await a.session.register(p + '.progress', (callArgs, kwargs, details) => {
      if (details.progress) {
        details.progress([1]);
      }
      return details.progress ? 'offered' : 'not offered';
    });
    await a.session.register(p + '.whoami', (callArgs, kwargs, details) => details.caller);
    const concrete = (callArgs, kwargs, details) => details.procedure;
    await a.session.register(p + '.pfx.', concrete, {match: 'prefix'});
    await a.session.register(p + '.w..op', concrete, {match: 'wildcard'});
    await a.session.register(p + '.shared', () => 'A', {invoke: 'roundrobin'});
    await b.session.register(p + '.shared', () => 'B', {invoke: 'roundrobin'});
    await a.session.register(p + '.slow', () => new Promise(() => {}));
    const taken = await a.session.register(p + '.takeover', () => 'A');

    const s = c.session;
    const progressive = async (procedure) => {
      const progress = [];
      const result = await withTimeout(new Promise((resolve, reject) => {
        s.call(procedure, [], {}, {receive_progress: true}).then(resolve, reject, (v) => progress.push(v));
      }), 10000, procedure);
      return {progress, result};
    };
    const fromJava = await progressive(p + '.java_progress');
    report.check('progressive_results', JSON.stringify(fromJava) === '{"progress":[1,2],"result":"done"}', fromJava);
    const fromJs = await progressive(p + '.progress');
    report.check('progress_not_offered', JSON.stringify(fromJs) === '{"progress":[],"result":"not offered"}', fromJs);

    const who = await s.call(p + '.whoami', [], {}, {disclose_me: true});
    report.check('caller_identification', who === s.id, {who, id: s.id});

    report.check('pattern_prefix', (await s.call(p + '.pfx.a.b')) === p + '.pfx.a.b', 'prefix');
    report.check('pattern_wildcard', (await s.call(p + '.w.any.op')) === p + '.w.any.op', 'wildcard');

    const turns = [];
    for (let i = 0; i < 4; i++) {
      turns.push(await s.call(p + '.shared'));
    }
    report.check('shared_roundrobin', JSON.stringify(turns) === '["A","B","A","B"]', turns);

    report.check('timeout', await withTimeout(expectError(s.call(p + '.slow', [], {}, {timeout: 200}),
        'wamp.error.timeout'), 10000, 'timeout') === true, 'timeout');

    const pending = s.call(p + '.slow');
    pending.cancel({mode: 'kill'});
    const canceled = await withTimeout(expectError(pending, 'wamp.error.canceled'), 10000, 'cancel');
    report.check('cancel', canceled === true && s.isOpen, canceled);

    const revoked = withTimeout(taken.on_unregister, 10000, 'revocation');
    await b.session.register(p + '.takeover', () => 'B', {force_reregister: true});
    const reason = await revoked;
    const now = await s.call(p + '.takeover');
    report.check('force_reregister', now === 'B' && typeof reason === 'string' && !taken.active && a.session.isOpen,
                 {now, reason, active: taken.active});
  } catch (e) {
    report.fail('selftest', e && e.stack ? e.stack : e);
  }
  for (const o of opened) {
    o.connection.onclose = () => true;
    try {
      o.connection.close();
    } catch (e) {
      // already closed
    }
  }
  process.exitCode = report.emit() ? 0 : 1;
  setTimeout(() => process.exit(process.exitCode), 200);
}

selftest(parseArgs(process.argv.slice(2), 'node advanced_rpc.js selftest --url URL [--serializer S] [--prefix P]',
    {modes: ['selftest'], defaults: {prefix: 'advanced.js'}}));
