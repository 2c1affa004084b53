"""Autobahn|Python (Twisted) over TLS against Junction, for io.junction.it.tls.

Run with Debian's interpreter: /usr/bin/python3 tls_client.py MODE ...

Modes
  roundtrip --url wss://HOST:PORT/ws | rss://HOST:PORT --ca CA.pem [--serializer json]
            joins realm1 over TLS, trusting only CA.pem, registers and calls PREFIX.echo, subscribes
            and publishes (acknowledged) to PREFIX.topic; reports the WELCOME's authid/authrole/authmethod.
  tlsauth   --url wss://HOST:PORT/ws | rss://HOST:PORT --ca CA.pem --cert CHAIN.pem --key KEY.pem
            joins presenting the client certificate and offering only authmethod tls (the Component
            API knows no "tls" authenticator, so this mode drives an ApplicationSession itself).
  cookie    --url ws://HOST:PORT/ws --authid ID --ticket TICKET
            1. joins with authmethods [cookie, ticket] (no cookie yet: ticket) and keeps the router's
               Set-Cookie; 2. joins again sending that cookie and offering only cookie; 3. joins
               without the cookie offering only cookie (must be refused).

Prints one JSON report line {"ok": bool, "checks": {...}, "welcome": {...}}; exit status 0 iff ok.
"""

import argparse
from urllib.parse import urlparse

# common first: it selects Twisted for txaio
from common import Report, report_after

from autobahn.twisted.component import Component
from autobahn.twisted.rawsocket import WampRawSocketClientFactory
from autobahn.twisted.websocket import WampWebSocketClientFactory, WampWebSocketClientProtocol
from autobahn.wamp.serializer import JsonSerializer
from autobahn.wamp.protocol import ApplicationSession
from autobahn.wamp.types import ComponentConfig, PublishOptions
from twisted.internet import defer, reactor, task
from twisted.internet.endpoints import TCP4ClientEndpoint, wrapClientTLS
from twisted.internet.ssl import Certificate, PrivateCertificate, optionsForClientTLS

PREFIX = "com.example.tls"


class TlsReport(Report):
    """The report with the authid, authrole and authmethod of the WELCOME added."""

    def __init__(self):
        super().__init__()
        self.welcome = {}

    def emit(self):
        return super().emit(welcome=self.welcome)


def tls_options(args):
    trust = Certificate.loadPEM(open(args.ca, "rb").read())
    client = None
    if args.cert:
        client = PrivateCertificate.loadPEM(open(args.key, "rb").read() + open(args.cert, "rb").read())
    return optionsForClientTLS("localhost", trustRoot=trust, clientCertificate=client)


def roundtrip(args, report):
    url = urlparse(args.url)
    endpoint = {"type": "tcp", "host": url.hostname, "port": url.port, "tls": tls_options(args)}
    if url.scheme == "rss":
        transport = {"type": "rawsocket", "url": args.url, "serializer": args.serializer, "endpoint": endpoint,
                     "max_retries": 0}
    else:
        transport = {"type": "websocket", "url": args.url, "serializers": [args.serializer], "endpoint": endpoint,
                     "max_retries": 0}
    component = Component(transports=[transport], realm="realm1")

    @component.on_join
    @defer.inlineCallbacks
    def joined(session, details):
        report.welcome = {"authid": details.authid, "authrole": details.authrole, "authmethod": details.authmethod}
        try:
            yield session.register(lambda *a: list(a), PREFIX + ".echo")
            result = yield session.call(PREFIX + ".echo", "over", "tls")
            report.check("call", result == ["over", "tls"], result)
            got = defer.Deferred()
            yield session.subscribe(lambda *a: got.callback(list(a)), PREFIX + ".topic")
            yield session.publish(PREFIX + ".topic", "hello", options=PublishOptions(acknowledge=True,
                                                                                      exclude_me=False))
            event = yield got
            report.check("event", event == ["hello"], event)
        except Exception as e:  # noqa: BLE001
            report.check("session", False, repr(e))
        yield session.leave()

    @component.on_connectfailure
    def failed(component, error):
        report.check("connect", False, repr(error))

    return component.start(reactor)


class JoinOnce(ApplicationSession):
    """Joins once with the given authmethods; records WELCOME or ABORT in config.extra["result"]."""

    def onConnect(self):
        self.join(self.config.realm, authmethods=self.config.extra["authmethods"],
                  authid=self.config.extra.get("authid"))

    def onChallenge(self, challenge):
        return self.config.extra["ticket"]

    def onJoin(self, details):
        self.config.extra["result"] = {"welcome": {"authid": details.authid, "authmethod": details.authmethod,
                                                   "authrole": details.authrole}}
        self.leave()

    def onLeave(self, details):
        if "result" not in self.config.extra:
            self.config.extra["result"] = {"abort": details.reason}
        self.disconnect()

    def onDisconnect(self):
        done = self.config.extra["done"]
        if not done.called:
            done.callback(self.config.extra.get("result", {"abort": "disconnected"}))


class HeaderKeepingProtocol(WampWebSocketClientProtocol):
    def onConnect(self, response):
        self.factory.response_headers = response.headers
        return super().onConnect(response)


def join_once(url, authmethods, authid=None, ticket=None, cookie=None, tls=None):
    """One session over WebSocket (ws/wss) or RawSocket (rss); returns (result, HTTP response headers)."""
    done = defer.Deferred()
    extra = {"authmethods": authmethods, "authid": authid, "ticket": ticket, "done": done}
    session = lambda: JoinOnce(ComponentConfig("realm1", extra))  # noqa: E731
    parsed = urlparse(url)
    if parsed.scheme in ("ws", "wss"):
        factory = WampWebSocketClientFactory(session, url=url, headers={"Cookie": cookie} if cookie else None)
        factory.protocol = HeaderKeepingProtocol
    else:
        factory = WampRawSocketClientFactory(session, serializer=JsonSerializer())
    factory.response_headers = {}
    endpoint = TCP4ClientEndpoint(reactor, parsed.hostname, parsed.port)
    if tls is not None:
        endpoint = wrapClientTLS(tls, endpoint)
    endpoint.connect(factory).addErrback(lambda f: done.called or done.callback({"abort": f.getErrorMessage()}))
    return done.addCallback(lambda result: (result, factory.response_headers))


@defer.inlineCallbacks
def tls_auth(args, report):
    result, _ = yield join_once(args.url, ["tls"], tls=tls_options(args))
    report.welcome = result.get("welcome", {})
    report.check("welcome", "welcome" in result, result)


@defer.inlineCallbacks
def cookie_flow(args, report):
    result, headers = yield join_once(args.url, ["cookie", "ticket"], args.authid, args.ticket)
    report.check("first join by ticket", result.get("welcome", {}).get("authmethod") == "ticket", result)
    set_cookie = headers.get("set-cookie", "")
    report.check("router sets a cookie", set_cookie.startswith("junction_auth="), headers)
    cookie = set_cookie.split(";")[0]

    result, headers = yield join_once(args.url, ["cookie"], cookie=cookie)
    report.welcome = result.get("welcome", {})
    report.check("second join by cookie", report.welcome.get("authmethod") == "cookie"
                 and report.welcome.get("authid") == args.authid, result)
    report.check("no new cookie", "set-cookie" not in headers, headers)

    result, _ = yield join_once(args.url, ["cookie"])
    report.check("no cookie, no join", result.get("abort") == "wamp.error.authentication_required", result)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["roundtrip", "tlsauth", "cookie"])
    parser.add_argument("--url", required=True)
    parser.add_argument("--ca")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--serializer", default="json")
    parser.add_argument("--authid")
    parser.add_argument("--ticket")
    args = parser.parse_args()
    report = TlsReport()
    run = {"roundtrip": roundtrip, "tlsauth": tls_auth, "cookie": cookie_flow}[args.mode]
    task.react(lambda reactor_: report_after(reactor_, report, defer.maybeDeferred(run, args, report), 30))


if __name__ == "__main__":
    main()
