"""Autobahn|Python (Twisted) interop client for Junction's integration tests.

Run with Debian's interpreter: /usr/bin/python3 interop_client.py MODE --url URL --serializer SER ...

Modes
  selftest  two sessions in this process: a callee/subscriber and a caller/publisher; exercises
            register/call (args, kwargs, binary, big ints, unicode, application errors,
            no_such_procedure) and subscribe/publish (acknowledged); prints one JSON report line.
  callee    registers PREFIX.echo and PREFIX.add2, prints READY and serves until killed.
  caller    calls PREFIX.add2(20, 22) and PREFIX.echo(...) once and prints one JSON report line.
  subscriber  subscribes to PREFIX.topic, prints READY, waits for one event and checks that its
            args/kwargs are EVENT_ARGS/EVENT_KWARGS (binary, big ints, unicode intact); one report line.
  publisher publishes EVENT_ARGS/EVENT_KWARGS to PREFIX.topic, acknowledged; one report line.

The report is {"ok": bool, "checks": {name: true | "failure text"}}; exit status 0 iff ok.
"""

import sys

# common first: it selects Twisted for txaio
from common import Report, argument_parser, component, report_after, say

import txaio
from autobahn.wamp.exception import ApplicationError
from autobahn.wamp.types import PublishOptions, RegisterOptions
from twisted.internet import defer, task

BINARY = bytes(range(256))
BIG = 2 ** 53
UNICODE = "héllo wörld ☃ 𝄞"
# The event of the subscriber/publisher modes; the Java tests publish and expect the same values.
EVENT_ARGS = ["event", BINARY, UNICODE, BIG]
EVENT_KWARGS = {"n": BIG, "blob": BINARY, "s": UNICODE, "nested": {"k": [1, 2.5, None, True]}}


def echo(*args, **kwargs):
    return {"args": list(args), "kwargs": kwargs}


def add2(a, b):
    return a + b


def fail(*args, **kwargs):
    raise ApplicationError("com.example.error.custom", "went wrong", 23, detail={"x": 1})


@defer.inlineCallbacks
def register_all(session, prefix):
    yield session.register(echo, prefix + ".echo")
    yield session.register(add2, prefix + ".add2")
    yield session.register(fail, prefix + ".fail", options=RegisterOptions())


@defer.inlineCallbacks
def exercise_calls(session, prefix, report):
    r = yield session.call(prefix + ".add2", 20, 22)
    report.check("call_add2", r == 42, r)

    r = yield session.call(prefix + ".echo", UNICODE, BINARY, BIG, 1.5, None, True, [1, [2, {"a": 3}]],
                           color="orange", blob=BINARY, nested={"k": [1, 2, {"z": UNICODE}]})
    report.check("echo_args", r["args"] == [UNICODE, BINARY, BIG, 1.5, None, True, [1, [2, {"a": 3}]]], r)
    report.check("echo_kwargs", r["kwargs"] == {"color": "orange", "blob": BINARY,
                                                "nested": {"k": [1, 2, {"z": UNICODE}]}}, r)

    try:
        yield session.call(prefix + ".fail", 1)
        report.fail("application_error", "no error raised")
    except ApplicationError as e:
        report.check("application_error",
                     e.error == "com.example.error.custom" and list(e.args) == ["went wrong", 23]
                     and e.kwargs == {"detail": {"x": 1}}, (e.error, e.args, e.kwargs))

    try:
        yield session.call(prefix + ".does_not_exist")
        report.fail("no_such_procedure", "no error raised")
    except ApplicationError as e:
        report.check("no_such_procedure", e.error == "wamp.error.no_such_procedure", e.error)


def selftest(reactor, args):
    report = Report()
    prefix = args.prefix
    topic = prefix + ".topic"
    callee_ready = defer.Deferred()
    event_received = defer.Deferred()
    done = defer.Deferred()

    @defer.inlineCallbacks
    def callee_join(session, details):
        try:
            yield register_all(session, prefix)

            def on_event(*a, **kw):
                if not event_received.called:
                    event_received.callback((list(a), kw))

            yield session.subscribe(on_event, topic)
            report.check("welcome", details.realm == args.realm and details.session > 0
                         and details.authrole == "anonymous", details)
            callee_ready.callback(session)
            yield done
            yield session.leave()
        except Exception as e:
            report.fail("callee", repr(e))
            if not callee_ready.called:
                callee_ready.callback(None)
            yield session.leave()

    @defer.inlineCallbacks
    def caller_join(session, details):
        try:
            callee = yield callee_ready
            if callee is not None:
                yield exercise_calls(session, prefix, report)
                pub = yield session.publish(topic, "event", BINARY, n=BIG,
                                            options=PublishOptions(acknowledge=True))
                report.check("published_ack", pub is not None and pub.id > 0, pub)
                got = yield event_received.addTimeout(10, reactor)
                report.check("event", got == (["event", BINARY], {"n": BIG}), got)
        except Exception as e:
            report.fail("caller", repr(e))
        finally:
            if not done.called:
                done.callback(None)
            yield session.leave()

    c1 = component(args, callee_join)
    c2 = component(args, caller_join)
    d1 = c1.start(reactor)
    d2 = c2.start(reactor)

    return report_after(reactor, report, defer.DeferredList([d1, d2], consumeErrors=True), 30)


def callee(reactor, args):
    @defer.inlineCallbacks
    def join(session, details):
        try:
            yield register_all(session, args.prefix)
        except Exception as e:
            # ends the process: without retries, the component stops when the session leaves
            say("FAILED %r" % e)
            yield session.leave()
            return
        say("READY")

    comp = component(args, join)
    return comp.start(reactor)


def caller(reactor, args):
    report = Report()

    @defer.inlineCallbacks
    def join(session, details):
        try:
            yield exercise_calls(session, args.prefix, report)
        except Exception as e:
            report.fail("caller", repr(e))
        yield session.leave()

    return report_after(reactor, report, component(args, join).start(reactor), 30)


def subscriber(reactor, args):
    report = Report()
    received = defer.Deferred()

    @defer.inlineCallbacks
    def join(session, details):
        try:
            def on_event(*a, **kw):
                if not received.called:
                    received.callback((list(a), kw))

            yield session.subscribe(on_event, args.prefix + ".topic")
            say("READY")
            got_args, got_kwargs = yield received.addTimeout(120, reactor)
            report.check("event_args", got_args == EVENT_ARGS, got_args)
            report.check("event_kwargs", got_kwargs == EVENT_KWARGS, got_kwargs)
        except Exception as e:
            report.fail("subscriber", repr(e))
        yield session.leave()

    return report_after(reactor, report, component(args, join).start(reactor), 180)


def publisher(reactor, args):
    report = Report()

    @defer.inlineCallbacks
    def join(session, details):
        try:
            pub = yield session.publish(args.prefix + ".topic", *EVENT_ARGS,
                                        options=PublishOptions(acknowledge=True), **EVENT_KWARGS)
            report.check("published_ack", pub is not None and pub.id > 0, pub)
        except Exception as e:
            report.fail("publisher", repr(e))
        yield session.leave()

    return report_after(reactor, report, component(args, join).start(reactor), 30)


def main():
    p = argument_parser(prefix="interop.py")
    p.add_argument("mode", choices=["selftest", "callee", "caller", "subscriber", "publisher"])
    args = p.parse_args()
    txaio.start_logging(level="warn", out=sys.stderr)
    fn = {"selftest": selftest, "callee": callee, "caller": caller, "subscriber": subscriber,
          "publisher": publisher}[args.mode]
    task.react(lambda reactor: fn(reactor, args))


if __name__ == "__main__":
    main()
