"""Autobahn|Python (Twisted) authentication client for Junction's integration tests.

Run with Debian's interpreter:
    /usr/bin/python3 auth_client.py METHOD --url URL --serializer SER --realm R [options]

Joins with one authentication method and checks the outcome; prints one JSON report line
{"ok": bool, "checks": {name: true | "failed: ..."}} and exits 0 iff ok.

Methods
  ticket      --authid ID --secret TICKET
  wampcra     --authid ID --secret SECRET        (salted or not: the CHALLENGE says)
  scram       --authid ID --secret PASSWORD      (Autobahn calls WAMP-SCRAM "scram")
  cryptosign  --privkey HEX [--authid ID] [--router-pubkey HEX]
              with --router-pubkey the client also sends a challenge of its own and checks the
              router's signature over it (with PyNaCl) before answering
              --channel-binding tls-unique binds the signature to the TLS channel
  twofactor   --authid ID --secret SECRET --ticket TICKET   (wampcra, then ticket)

TLS: wss:// and rss:// URLs with --trust-root PEM (the router's certificate must name localhost).

Expectations
  --expect-role ROLE [--expect-authid ID]   the join must succeed with these (and the session work)
  --expect-abort URI                        the join must be refused with ABORT URI
"""

import binascii
import os
import sys

# common first: it selects Twisted for txaio
from common import Report, argument_parser, transport

import nacl.signing
from autobahn.twisted.component import Component
from autobahn.wamp import auth as wamp_auth
from autobahn.wamp.types import PublishOptions
from twisted.internet import defer, task


class RouterCheckingCryptosign(wamp_auth.AuthCryptoSign):
    """Autobahn's cryptosign authenticator, plus router authentication: a random challenge goes in
    HELLO, and the router's signature over it must verify under the expected router key."""

    def __init__(self, report, router_pubkey, **kw):
        self._report = report
        self._router_pubkey = router_pubkey
        self._my_challenge = os.urandom(32)
        extra = dict(kw.pop("authextra", {}))
        extra["challenge"] = binascii.b2a_hex(self._my_challenge).decode("ascii")
        super().__init__(authextra=extra, **kw)

    def on_challenge(self, session, challenge):
        try:
            pubkey = challenge.extra.get("pubkey")
            signed = binascii.a2b_hex(challenge.extra.get("signature", ""))
            verify_key = nacl.signing.VerifyKey(binascii.a2b_hex(pubkey))
            data = verify_key.verify(signed[64:], signed[:64])
            expected = self._my_challenge
            if self._channel_binding:
                # with channel binding the router signs our challenge XOR the channel ID
                channel_id = session._transport.transport_details.channel_id.get(self._channel_binding)
                expected = bytes(a ^ b for a, b in zip(expected, channel_id))
            self._report.check("router_signature", pubkey == self._router_pubkey and data == expected,
                               (pubkey, binascii.b2a_hex(data)))
        except Exception as e:  # a bad signature raises nacl.exceptions.BadSignatureError
            self._report.fail("router_signature", repr(e))
        return super().on_challenge(session, challenge)


def authenticators(args, report):
    m = args.method
    if m == "ticket":
        return {"ticket": {"authid": args.authid, "ticket": args.secret}}
    if m == "wampcra":
        return {"wampcra": {"authid": args.authid, "secret": args.secret}}
    if m == "scram":
        return {"scram": {"authid": args.authid, "password": args.secret}}
    if m == "cryptosign":
        kw = {"privkey": args.privkey}
        if args.authid:
            kw["authid"] = args.authid
        if args.channel_binding:
            kw["authextra"] = {"channel_binding": args.channel_binding}
        if args.router_pubkey:
            return {"cryptosign": RouterCheckingCryptosign(report, args.router_pubkey, **kw)}
        return {"cryptosign": kw}
    if m == "twofactor":
        return {"wampcra": {"authid": args.authid, "secret": args.secret},
                "ticket": {"authid": args.authid, "ticket": args.ticket}}
    raise ValueError("unknown method " + m)


def main(reactor, args):
    report = Report()
    finished = defer.Deferred()
    comp = Component(transports=[transport(args, args.trust_root)], realm=args.realm,
                     authentication=authenticators(args, report))

    @comp.on_join
    @defer.inlineCallbacks
    def joined(session, details):
        try:
            if args.expect_abort:
                report.fail("abort", "joined as %s/%s instead" % (details.authid, details.authrole))
            else:
                report.check("welcome", details.authrole == args.expect_role
                             and (args.expect_authid is None or details.authid == args.expect_authid)
                             and details.authmethod == (args.method if args.method != "twofactor" else "wampcra"),
                             (details.authid, details.authrole, details.authmethod, details.authprovider))
                yield session.publish("com.example.auth.check", 1, options=PublishOptions(acknowledge=True))
                report.check("session_works", True)
            yield session.leave()
        except Exception as e:
            report.fail("session", repr(e))

    @comp.on_leave
    def left(session, details):
        if args.expect_abort and "abort" not in report.checks:
            report.check("abort", details.reason == args.expect_abort, (details.reason, details.message))
        if not finished.called:
            finished.callback(None)

    d = comp.start(reactor)

    def ended(result):
        if not finished.called:
            finished.callback(None)

    d.addBoth(ended)
    yield_result = defer.Deferred()

    def report_and_exit(_):
        if not report.checks:
            report.fail("outcome", "neither joined nor aborted")
        yield_result.callback(report.emit())

    finished.addCallback(report_and_exit)
    reactor.callLater(60, lambda: finished.called or finished.callback(None))
    return yield_result


def parse():
    p = argument_parser()
    p.add_argument("method", choices=["ticket", "wampcra", "scram", "cryptosign", "twofactor"])
    p.add_argument("--authid")
    p.add_argument("--secret")
    p.add_argument("--ticket")
    p.add_argument("--privkey")
    p.add_argument("--router-pubkey", dest="router_pubkey")
    p.add_argument("--channel-binding", dest="channel_binding")
    p.add_argument("--trust-root", dest="trust_root", help="PEM file of the CA that issued the router's certificate")
    p.add_argument("--expect-role", dest="expect_role")
    p.add_argument("--expect-authid", dest="expect_authid")
    p.add_argument("--expect-abort", dest="expect_abort")
    return p.parse_args()


if __name__ == "__main__":
    arguments = parse()

    def run(reactor):
        d = main(reactor, arguments)
        d.addCallback(lambda ok: None if ok else sys.exit(1))
        return d

    task.react(run)
