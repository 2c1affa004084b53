"""Autobahn|Python (Twisted) against Junction's Advanced Profile publish & subscribe features.

Run with Debian's interpreter:
    /usr/bin/python3 advanced_pubsub.py --url URL --serializer SER [--realm R] [--prefix P]

Four sessions in this process (a publisher and three subscribers) exercise subscriber black- and
whitelisting (exclude, eligible, eligible_authrole), publisher exclusion (exclude_me), publisher
identification (disclose_me), prefix and wildcard subscriptions (details.topic, one delivery per
matching subscription), event retention (retain, get_retained, details.retained) and the reserved
wamp.* topics. Prints one JSON report line {"ok": bool, "checks": {name: true | "failed: ..."}};
exit status 0 iff ok.
"""

import sys

# common first: it selects Twisted for txaio
from common import Report, argument_parser, component

from autobahn.wamp import message
from autobahn.wamp.exception import ApplicationError
from autobahn.wamp.types import PublishOptions, SubscribeOptions
from twisted.internet import defer, task

SUBSCRIBERS = 3


# Autobahn|Python 22.7 cannot ask for disclose_me; PUBLISHes to these topics get it added.
DISCLOSED_TOPICS = set()
_marshal_options = message.Publish.marshal_options


def _with_disclose_me(self):
    options = _marshal_options(self)
    if self.topic in DISCLOSED_TOPICS:
        options["disclose_me"] = True
    return options


message.Publish.marshal_options = _with_disclose_me


class Inbox:
    """What one subscriber session received: (subscription name, args, details) per event."""

    def __init__(self, name):
        self.name = name
        self.events = []
        self.waiters = []

    def handler(self, subscription):
        def on_event(*a, **kw):
            details = kw.pop("details", None)
            self.events.append((subscription, list(a), details))
            for w in list(self.waiters):
                w()
        return on_event

    def publications(self, subscription=None):
        return [d.publication for (s, a, d) in self.events if subscription is None or s == subscription]

    def args(self, subscription=None):
        return [a for (s, a, d) in self.events if subscription is None or s == subscription]

    def wait_for(self, reactor, predicate, seconds=10):
        d = defer.Deferred()

        def poll():
            if not d.called and predicate():
                self.waiters.remove(poll)
                d.callback(None)

        self.waiters.append(poll)
        poll()
        return d.addTimeout(seconds, reactor)


@defer.inlineCallbacks
def exercise(reactor, args, report, pub, subs, inboxes):
    p = args.prefix
    topic = p + ".bw"
    details = SubscribeOptions(details=True)
    for s, box in zip(subs, inboxes):
        yield s.subscribe(box.handler("bw"), topic, options=details)
    a, b, c = subs
    ia, ib, ic = (s.session_id for s in subs)

    @defer.inlineCallbacks
    def receivers(marker, **options):
        """Publishes 'x' with options, then a marker to everybody; who got 'x'?"""
        yield pub.publish(topic, "x", marker, options=PublishOptions(acknowledge=True, **options))
        yield pub.publish(topic, "marker", marker, options=PublishOptions(acknowledge=True))
        for box in inboxes:
            yield box.wait_for(reactor, lambda box=box: ["marker", marker] in box.args("bw"))
        return {box.name for box in inboxes if ["x", marker] in box.args("bw")}

    got = yield receivers(1, exclude=[ib])
    report.check("exclude", got == {"a", "c"}, got)
    got = yield receivers(2, eligible=[ia, ic])
    report.check("eligible", got == {"a", "c"}, got)
    got = yield receivers(3, eligible=[ia, ib, ic], exclude=[ia])
    report.check("eligible_and_exclude", got == {"b", "c"}, got)
    got = yield receivers(4, eligible_authrole=["anonymous"], exclude_authrole=["nobody"])
    report.check("eligible_authrole", got == {"a", "b", "c"}, got)
    got = yield receivers(5, exclude_authrole=["anonymous"])
    report.check("exclude_authrole", got == set(), got)

    # publisher exclusion: the publisher gets its own event only with exclude_me=False
    own = Inbox("pub")
    yield pub.subscribe(own.handler("own"), p + ".own")
    yield pub.publish(p + ".own", 1, options=PublishOptions(acknowledge=True))
    yield pub.publish(p + ".own", 2, options=PublishOptions(acknowledge=True, exclude_me=False))
    yield own.wait_for(reactor, lambda: len(own.events) >= 1)
    report.check("exclude_me", own.args() == [[2]], own.args())

    # publisher identification
    box = inboxes[0]
    yield a.subscribe(box.handler("disclosed"), p + ".disclosed", options=details)
    yield a.subscribe(box.handler("undisclosed"), p + ".undisclosed", options=details)
    DISCLOSED_TOPICS.add(p + ".disclosed")
    yield pub.publish(p + ".disclosed", "disclosed", options=PublishOptions(acknowledge=True))
    yield pub.publish(p + ".undisclosed", "undisclosed", options=PublishOptions(acknowledge=True))
    yield box.wait_for(reactor, lambda: box.publications("disclosed") and box.publications("undisclosed"))
    d = [e for e in box.events if e[0] == "disclosed"][0][2]
    report.check("disclose_me", d.publisher == pub.session_id and d.publisher_authrole == "anonymous"
                 and isinstance(d.publisher_authid, str), (d.publisher, d.publisher_authid, d.publisher_authrole))
    d = [e for e in box.events if e[0] == "undisclosed"][0][2]
    report.check("not_disclosed", d.publisher is None, d)

    # pattern-based subscriptions: the concrete topic, one delivery per matching subscription
    box = inboxes[1]
    yield b.subscribe(box.handler("prefix"), p + ".pattern", options=SubscribeOptions(match="prefix", details=True))
    yield b.subscribe(box.handler("wildcard"), p + ".pattern..leaf",
                      options=SubscribeOptions(match="wildcard", details=True))
    concrete = p + ".pattern.x42.leaf"
    published = yield pub.publish(concrete, "pattern", options=PublishOptions(acknowledge=True))
    yield box.wait_for(reactor, lambda: box.publications("prefix") and box.publications("wildcard"))
    topics = [d.topic for (s, a, d) in box.events if s in ("prefix", "wildcard")]
    report.check("prefix_and_wildcard_topic", topics == [concrete, concrete], topics)
    report.check("same_publication", box.publications("prefix") == [published.id]
                 and box.publications("wildcard") == [published.id],
                 (published.id, box.publications("prefix"), box.publications("wildcard")))
    yield pub.publish(p + ".patternx.y.leaf", "plain prefix", options=PublishOptions(acknowledge=True))
    yield box.wait_for(reactor, lambda: len(box.publications("prefix")) == 2)
    report.check("plain_string_prefix", box.args("prefix")[-1] == ["plain prefix"]
                 and len(box.publications("wildcard")) == 1, box.args("prefix"))

    # event retention
    retained = yield pub.publish(p + ".state", "latest", options=PublishOptions(acknowledge=True, retain=True))
    box = inboxes[2]
    yield c.subscribe(box.handler("retained"), p + ".state", options=SubscribeOptions(get_retained=True, details=True))
    yield box.wait_for(reactor, lambda: box.publications("retained"))
    s, got_args, d = [e for e in box.events if e[0] == "retained"][0]
    report.check("get_retained", got_args == ["latest"] and d.retained is True and d.publication == retained.id,
                 (got_args, d))
    before = len(box.publications("retained"))
    yield pub.publish(p + ".state", "live", options=PublishOptions(acknowledge=True))
    yield box.wait_for(reactor, lambda: len(box.publications("retained")) > before)
    d = [e for e in box.events if e[0] == "retained"][-1][2]
    report.check("live_not_retained", not d.retained, d)

    # reserved URIs
    try:
        yield pub.publish("wamp.session.on_join", options=PublishOptions(acknowledge=True))
        report.fail("reserved_topic", "no error")
    except ApplicationError as e:
        report.check("reserved_topic", e.error == "wamp.error.invalid_uri", e.error)


def run(reactor, args):
    report = Report()
    joined = [defer.Deferred() for _ in range(SUBSCRIBERS + 1)]
    done = defer.Deferred()
    components = []

    def on_join_for(i):
        @defer.inlineCallbacks
        def on_join(session, details):
            joined[i].callback(session)
            yield done
            yield session.leave()
        return on_join

    for i in range(SUBSCRIBERS + 1):
        components.append(component(args, on_join_for(i)).start(reactor))

    @defer.inlineCallbacks
    def main():
        try:
            sessions = yield defer.gatherResults(joined).addTimeout(30, reactor)
            pub, subs = sessions[0], sessions[1:]
            inboxes = [Inbox(n) for n in ("a", "b", "c")]
            yield exercise(reactor, args, report, pub, subs, inboxes).addTimeout(60, reactor)
        except Exception as e:
            report.fail("completion", repr(e))
        finally:
            if not done.called:
                done.callback(None)
        try:
            yield defer.DeferredList(components, consumeErrors=True).addTimeout(10, reactor)
        except Exception:
            pass
        sys.exit(0 if report.emit() else 1)

    return main()


if __name__ == "__main__":
    task.react(run, (argument_parser(prefix="interop.python.advanced").parse_args(),))
