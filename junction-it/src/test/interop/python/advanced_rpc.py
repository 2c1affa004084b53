"""Autobahn|Python (Twisted) against Junction's Advanced Profile RPC features.

Run with Debian's interpreter: /usr/bin/python3 advanced_rpc.py selftest --url URL --serializer SER ...

The router must disclose callers of role "anonymous" to callees (realm dealer setting
caller_disclosure: {roles: {anonymous: always}}): Autobahn|Python 22.7 has no way to send
disclose_me.

selftest runs three sessions in this process, callees A and B and caller C, and checks:
  progressive_results  C gets A's progressive results (on_progress) before the final result
  timeout              C's call with timeout=200 (ms) ends in wamp.error.timeout, and A's handler
                       is interrupted (A announces call_canceling: the dealer sends INTERRUPT)
  cancel               C cancels a call (CANCEL without mode): C's deferred fails with
                       CancelledError and A's handler is interrupted
  caller_identification  A sees C's session ID in details.caller
  pattern_prefix, pattern_wildcard  A's prefix and wildcard registrations get the concrete
                       procedure in details.procedure
  shared_roundrobin    A and B share a registration (invoke=roundrobin): calls alternate
  force_reregister     B takes a procedure over from A with force_reregister; A (which announces
                       registration_revocation) gets the revocation and goes on working
It prints one JSON report line {"ok": bool, "checks": {...}}; exit status 0 iff ok.
"""

import sys

# common first: it selects Twisted for txaio
from common import Report, argument_parser, component, report_after, until

import txaio
from autobahn.wamp.exception import ApplicationError
from autobahn.wamp.types import CallOptions, RegisterOptions
from twisted.internet import defer, task


def selftest(reactor, args):
    report = Report()
    p = args.prefix
    state = {"interrupted": 0, "slow_started": 0}
    # one Deferred per waiter: a waiting inlineCallbacks generator consumes a Deferred's result
    a_ready_for_b, a_ready_for_c, b_ready = defer.Deferred(), defer.Deferred(), defer.Deferred()
    done_for_a, done_for_b = defer.Deferred(), defer.Deferred()

    def fire(d, value):
        if not d.called:
            d.callback(value)

    def slow(details=None):
        state["slow_started"] += 1

        def interrupted(_d):
            state["interrupted"] += 1

        return defer.Deferred(canceller=interrupted)

    def progress(details=None):
        for i in (1, 2, 3):
            details.progress(i)
        return "done"

    def whoami(details=None):
        return details.caller

    def concrete(details=None):
        return details.procedure

    @defer.inlineCallbacks
    def callee_a(session, details):
        try:
            with_details = RegisterOptions(details_arg="details")
            yield session.register(progress, p + ".progress", options=with_details)
            yield session.register(slow, p + ".slow", options=with_details)
            yield session.register(whoami, p + ".whoami", options=with_details)
            yield session.register(concrete, p + ".pfx.", options=RegisterOptions(match="prefix", details_arg="details"))
            yield session.register(concrete, p + ".w..op", options=RegisterOptions(match="wildcard", details_arg="details"))
            yield session.register(lambda: "A", p + ".shared", options=RegisterOptions(invoke="roundrobin"))
            yield session.register(lambda: "A", p + ".takeover")
            fire(a_ready_for_b, session)
            fire(a_ready_for_c, session)
            yield done_for_a
        except Exception as e:
            report.fail("callee_a", repr(e))
            fire(a_ready_for_b, None)
            fire(a_ready_for_c, None)
        yield session.leave()

    @defer.inlineCallbacks
    def callee_b(session, details):
        try:
            yield a_ready_for_b
            yield session.register(lambda: "B", p + ".shared", options=RegisterOptions(invoke="roundrobin"))
            fire(b_ready, session)
            yield done_for_b
        except Exception as e:
            report.fail("callee_b", repr(e))
            fire(b_ready, None)
        yield session.leave()

    @defer.inlineCallbacks
    def caller(session, details):
        try:
            a = yield a_ready_for_c
            b = yield b_ready
            if a is None or b is None:
                report.fail("callees", "a callee did not get ready")
                return
            seen = []
            r = yield session.call(p + ".progress", options=CallOptions(on_progress=seen.append))
            report.check("progressive_results", seen == [1, 2, 3] and r == "done", (seen, r))

            try:
                yield session.call(p + ".slow", options=CallOptions(timeout=200))
                report.fail("timeout", "no error")
            except ApplicationError as e:
                interrupted = yield until(reactor, lambda: state["interrupted"] == 1)
                report.check("timeout", e.error == "wamp.error.timeout" and interrupted, (e.error, state))

            d = session.call(p + ".slow")
            started = yield until(reactor, lambda: state["slow_started"] == 2)
            d.cancel()
            try:
                yield d
                report.fail("cancel", "no error")
            except defer.CancelledError:
                interrupted = yield until(reactor, lambda: state["interrupted"] == 2)
                report.check("cancel", started and interrupted, state)

            r = yield session.call(p + ".whoami")
            report.check("caller_identification", r == details.session, (r, details.session))

            r = yield session.call(p + ".pfx.a.b")
            report.check("pattern_prefix", r == p + ".pfx.a.b", r)
            r = yield session.call(p + ".w.anything.op")
            report.check("pattern_wildcard", r == p + ".w.anything.op", r)

            turns = []
            for _ in range(4):
                turns.append((yield session.call(p + ".shared")))
            report.check("shared_roundrobin", turns == ["A", "B", "A", "B"], turns)

            yield b.register(lambda: "B", p + ".takeover", options=RegisterOptions(force_reregister=True))
            r = yield session.call(p + ".takeover")
            still = yield session.call(p + ".whoami")
            report.check("force_reregister", r == "B" and still == details.session, (r, still))
        except Exception as e:
            report.fail("caller", repr(e))
        finally:
            fire(done_for_a, None)
            fire(done_for_b, None)
            yield session.leave()

    runs = [component(args, on_join).start(reactor) for on_join in (callee_a, callee_b, caller)]
    return report_after(reactor, report, defer.DeferredList(runs, consumeErrors=True), 60)


def main():
    parser = argument_parser(prefix="advanced.py")
    parser.add_argument("mode", choices=["selftest"])
    parser.add_argument("--log-level", default="warn")
    args = parser.parse_args()
    txaio.start_logging(level=args.log_level, out=sys.stderr)
    task.react(lambda reactor: selftest(reactor, args))


if __name__ == "__main__":
    main()
