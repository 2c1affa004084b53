"""What the Autobahn|Python interop scripts share: the command line, the Component for --url,
the JSON report line, and waiting.

The scripts run as "/usr/bin/python3 SCRIPT.py ...", so their own directory, and with it this
module, is on sys.path. Importing it selects Twisted for txaio.
"""

import argparse
import json
import sys
from urllib.parse import urlparse

import txaio

txaio.use_twisted()

from autobahn.twisted.component import Component  # noqa: E402
from twisted.internet import defer, task  # noqa: E402

SERIALIZERS = ["json", "msgpack", "cbor", "ubjson"]


def argument_parser(prefix=None):
    """--url (required), --serializer and --realm; --prefix too when the script takes one."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--serializer", default="json", choices=SERIALIZERS)
    parser.add_argument("--realm", default="realm1")
    if prefix is not None:
        parser.add_argument("--prefix", default=prefix)
    return parser


def transport(args, trust_root=None):
    """The transport for --url (ws://, wss://, rs://, rss://) and --serializer, without retries.
    With trust_root (a PEM file), TLS trusting that CA; the router's certificate must name localhost."""
    if args.url.startswith("rs://") or args.url.startswith("rss://"):
        t = {"type": "rawsocket", "url": args.url, "serializer": args.serializer, "max_retries": 0}
    else:
        t = {"type": "websocket", "url": args.url, "serializers": [args.serializer], "max_retries": 0}
    if trust_root:
        url = urlparse(args.url)
        t["endpoint"] = {"type": "tcp", "host": url.hostname, "port": url.port,
                         "tls": {"hostname": "localhost", "trust_root": trust_root}}
    return t


def component(args, on_join, on_leave=None):
    """A Component joining --realm over transport(args), calling on_join (and on_leave)."""
    comp = Component(transports=[transport(args)], realm=args.realm)
    comp.on_join(on_join)
    if on_leave is not None:
        comp.on_leave(on_leave)
    return comp


def say(line):
    """Prints a line on the real standard output: Twisted's logging captures sys.stdout."""
    print(line, file=sys.__stdout__, flush=True)


class Report:
    """The checks of a run, printed as one JSON line {"ok": bool, "checks": {name: true | "failed: ..."}}."""

    def __init__(self):
        self.checks = {}

    def check(self, name, condition, detail=""):
        self.checks[name] = True if condition else ("failed: %s" % (detail,))

    def fail(self, name, detail):
        self.checks[name] = "failed: %s" % (detail,)

    def emit(self, **fields):
        """Prints the report, with fields added to it; returns whether every check passed."""
        ok = bool(self.checks) and all(v is True for v in self.checks.values())
        say(json.dumps({"ok": ok, "checks": self.checks, **fields}, default=repr))
        return ok


@defer.inlineCallbacks
def report_after(reactor, report, d, seconds):
    """Waits (at most seconds) for d, the run of the script's sessions, then prints the report and
    exits, status 0 iff ok. A failure or the timeout is the failed check "completion"."""
    try:
        yield d.addTimeout(seconds, reactor)
    except Exception as e:
        report.fail("completion", repr(e))
    sys.exit(0 if report.emit() else 1)


@defer.inlineCallbacks
def until(reactor, condition, seconds=10):
    """Waits until condition() holds, polling; returns whether it did within seconds."""
    for _ in range(int(seconds * 20)):
        if condition():
            return True
        yield task.deferLater(reactor, 0.05, lambda: None)
    return condition()
