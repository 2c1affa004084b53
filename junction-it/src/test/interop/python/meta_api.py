"""Autobahn|Python (Twisted) client of Junction's meta API, testaments and event history.

Run with Debian's interpreter: /usr/bin/python3 meta_api.py MODE --url URL --serializer SER --prefix P

Modes
  selftest   two sessions in this process. The target registers P.proc, subscribes to P.topic,
             leaves a testament on P.will and publishes (acknowledged) to P.history.x; the
             watcher sees its wamp.session.on_join, reads it with the session, registration and
             subscription meta procedures, reads the event history, kills it with a reason and
             a message, and sees its on_leave and its testament. The router must keep history
             for the prefix P.history. One JSON report line.
  testament  leaves a testament on P.will (args ["killed"]), prints READY and waits to be killed.

The report is {"ok": bool, "checks": {name: true | "failed: ..."}}; exit status 0 iff ok.
"""

import sys

# common first: it selects Twisted for txaio
from common import Report, argument_parser, component, report_after, say, until

import txaio
from autobahn.wamp.exception import ApplicationError
from autobahn.wamp.types import PublishOptions, SubscribeOptions
from twisted.internet import defer, task


@defer.inlineCallbacks
def wait_until(reactor, condition, seconds):
    if not (yield until(reactor, condition, seconds)):
        raise Exception("timed out after %s s" % seconds)


def selftest(reactor, args):
    report = Report()
    p = args.prefix
    target_ready = defer.Deferred()
    target_left = defer.Deferred()
    joined = []  # on_join details; other sessions may join too
    left = []  # on_leave arguments
    will = defer.Deferred()
    registration_created = defer.Deferred()
    done = defer.Deferred()

    @defer.inlineCallbacks
    def target_join(session, details):
        try:
            yield session.register(lambda: "proc", p + ".proc")
            yield session.subscribe(lambda *a: None, p + ".topic")
            yield session.call("wamp.session.add_testament", p + ".will", ["bye"], {"from": "target"})
            pub = yield session.publish(p + ".history.x", "kept", 1, n=2 ** 53,
                                        options=PublishOptions(acknowledge=True))
            target_ready.callback((details.session, pub.id))
        except Exception as e:
            report.fail("target", repr(e))
            target_ready.callback(None)

    def target_leave(session, details):
        if not target_left.called:
            target_left.callback(details)

    @defer.inlineCallbacks
    def watcher_join(session, details):
        try:
            def on_join(info):
                joined.append(info)

            def on_leave(*a):
                left.append(list(a))

            def on_will(*a, **kw):
                if not will.called:
                    will.callback((list(a), kw))

            def on_create(session_id, reg):
                if reg.get("uri") == p + ".proc" and not registration_created.called:
                    registration_created.callback((session_id, reg))

            yield session.subscribe(on_join, "wamp.session.on_join")
            yield session.subscribe(on_leave, "wamp.session.on_leave")
            yield session.subscribe(on_will, p + ".will")
            yield session.subscribe(on_create, "wamp.registration.on_create")
            target.start(reactor)
            ready = yield target_ready.addTimeout(20, reactor)
            if ready is None:
                return
            target_id, publication = ready
            yield exercise(reactor, session, report, p, target_id, publication, joined, left, will,
                           registration_created, target_left)
        except Exception as e:
            report.fail("watcher", repr(e))
        finally:
            if not done.called:
                done.callback(None)
            yield session.leave()

    target = component(args, target_join, target_leave)
    watcher = component(args, watcher_join)
    return report_after(reactor, report, watcher.start(reactor), 60)


@defer.inlineCallbacks
def exercise(reactor, session, report, p, target_id, publication, joined, left, will, registration_created,
             target_left):
    yield wait_until(reactor, lambda: any(i.get("session") == target_id for i in joined), 10)
    info = [i for i in joined if i.get("session") == target_id][0]
    report.check("on_join", info.get("session") == target_id and info.get("authrole") == "anonymous"
                 and "authid" in info and "authmethod" in info and "transport" in info, info)

    created_by, reg = yield registration_created.addTimeout(10, reactor)
    report.check("registration_on_create", created_by == target_id and reg.get("match") == "exact"
                 and reg.get("invoke") == "single" and "created" in reg, (created_by, reg))

    count = yield session.call("wamp.session.count")
    report.check("session_count", count >= 2, count)
    ids = yield session.call("wamp.session.list", ["anonymous"])
    report.check("session_list", target_id in ids and session.session_id in ids, ids)
    got = yield session.call("wamp.session.get", target_id)
    report.check("session_get", got.get("session") == target_id and got.get("authrole") == "anonymous", got)

    reg_id = yield session.call("wamp.registration.lookup", p + ".proc")
    reg_details = yield session.call("wamp.registration.get", reg_id)
    callees = yield session.call("wamp.registration.list_callees", reg_id)
    n_callees = yield session.call("wamp.registration.count_callees", reg_id)
    report.check("registration_meta", reg_details.get("uri") == p + ".proc" and callees == [target_id]
                 and n_callees == 1 and reg_id == reg.get("id"), (reg_details, callees, n_callees))
    lists = yield session.call("wamp.registration.list")
    own = yield session.call("wamp.registration.lookup", "wamp.session.count")
    report.check("registration_list", reg_id in lists.get("exact", []) and own in lists.get("exact", []), lists)

    sub_id = yield session.call("wamp.subscription.lookup", p + ".topic")
    matching = yield session.call("wamp.subscription.match", p + ".topic")
    subscribers = yield session.call("wamp.subscription.list_subscribers", sub_id)
    n_subscribers = yield session.call("wamp.subscription.count_subscribers", sub_id)
    sub_details = yield session.call("wamp.subscription.get", sub_id)
    report.check("subscription_meta", matching == [sub_id] and subscribers == [target_id] and n_subscribers == 1
                 and sub_details.get("uri") == p + ".topic", (matching, subscribers, n_subscribers, sub_details))

    history = yield session.subscribe(lambda *a: None, p + ".history.", options=SubscribeOptions(match="prefix"))
    events = yield session.call("wamp.subscription.get_events", history.id, limit=10)
    report.check("get_events", len(events) == 1 and events[0].get("publication") == publication
                 and events[0].get("args") == ["kept", 1] and events[0].get("kwargs") == {"n": 2 ** 53}
                 and events[0].get("details", {}).get("topic") == p + ".history.x"
                 and events[0].get("subscription") == history.id and "timestamp" in events[0], events)
    try:
        yield session.call("wamp.subscription.get_events", history.id, from_time="yesterday")
        report.fail("get_events_invalid_argument", "no error raised")
    except ApplicationError as e:
        report.check("get_events_invalid_argument", e.error == "wamp.error.invalid_argument", e.error)

    try:
        yield session.call("wamp.session.kill", target_id, reason="not a uri")
        report.fail("kill_invalid_uri", "no error raised")
    except ApplicationError as e:
        report.check("kill_invalid_uri", e.error == "wamp.error.invalid_uri", e.error)
    yield session.call("wamp.session.kill", target_id, reason="com.example.kicked", message="bye bye")
    close = yield target_left.addTimeout(10, reactor)
    report.check("killed_reason", close.reason == "com.example.kicked" and close.message == "bye bye",
                 (close.reason, close.message))

    yield wait_until(reactor, lambda: any(a and a[0] == target_id for a in left), 10)
    leave_args = [a for a in left if a and a[0] == target_id][0]
    report.check("on_leave", len(leave_args) == 3 and leave_args[0] == target_id and leave_args[2] == "anonymous",
                 leave_args)
    will_args = yield will.addTimeout(10, reactor)
    report.check("testament", will_args == (["bye"], {"from": "target"}), will_args)
    try:
        yield session.call("wamp.session.get", target_id)
        report.fail("no_such_session", "no error raised")
    except ApplicationError as e:
        report.check("no_such_session", e.error == "wamp.error.no_such_session", e.error)


def testament(reactor, args):
    @defer.inlineCallbacks
    def join(session, details):
        try:
            yield session.call("wamp.session.add_testament", args.prefix + ".will", ["killed"], {},
                               scope="destroyed")
        except Exception as e:
            say("FAILED %r" % e)
            yield session.leave()
            return
        say("READY %d" % details.session)

    return component(args, join).start(reactor)


def main():
    p = argument_parser(prefix="meta.py")
    p.add_argument("mode", choices=["selftest", "testament"])
    args = p.parse_args()
    txaio.start_logging(level="warn", out=sys.stderr)
    fn = {"selftest": selftest, "testament": testament}[args.mode]
    task.react(lambda reactor: fn(reactor, args))


if __name__ == "__main__":
    main()
