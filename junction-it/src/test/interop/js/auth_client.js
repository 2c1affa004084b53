// AutobahnJS authentication client for Junction's integration tests (Node 20).
//
//   node auth_client.js METHOD --url URL --serializer json|msgpack|cbor [--realm R] [options]
//
// Joins with one authentication method and checks the outcome; prints one JSON report line
// {"ok": bool, "checks": {...}} and exits 0 iff ok.
//
// Methods (AutobahnJS has no SCRAM):
//   ticket      --authid ID --secret TICKET
//   wampcra     --authid ID --secret SECRET   (salted: the key is derived with auth_cra.derive_key)
//   cryptosign  --privkey HEX [--authid ID] [--router-pubkey HEX]
//               with --router-pubkey: sends a challenge of its own in HELLO and checks the router's
//               signature over it (tweetnacl) before answering
// TLS: wss:// URLs with --trust-root PEM (the CA of the router's certificate).
// Expectations:
//   --expect-role ROLE [--expect-authid ID]   join, then publish with acknowledge
//   --expect-abort URI                        the join is refused with ABORT URI
'use strict';

const autobahn = require('autobahn');
const {parseArgs, connectionOptions, Report} = require('./common');

// The connection options and the onchallenge answer for the method (args.mode).
function authentication(args, report) {
  const util = autobahn.util;
  const nacl = autobahn.nacl;
  if (args.mode === 'ticket') {
    return {options: {authmethods: ['ticket'], authid: args.authid}, onchallenge: () => args.secret};
  }
  if (args.mode === 'wampcra') {
    return {
      options: {authmethods: ['wampcra'], authid: args.authid},
      onchallenge: (session, method, extra) => {
        let key = args.secret;
        if (extra.salt) {
          key = autobahn.auth_cra.derive_key(args.secret, extra.salt, extra.iterations, extra.keylen);
        }
        return autobahn.auth_cra.sign(key, extra.challenge);
      },
    };
  }
  const pair = nacl.sign.keyPair.fromSeed(util.htob(args.privkey));
  const authextra = {pubkey: util.btoh(pair.publicKey)};
  let myChallenge = null;
  if (args.router_pubkey) {
    myChallenge = nacl.randomBytes(32);
    authextra.challenge = util.btoh(myChallenge);
  }
  const options = {authmethods: ['cryptosign'], authextra};
  if (args.authid) {
    options.authid = args.authid;
  }
  return {
    options,
    onchallenge: (session, method, extra) => {
      if (myChallenge) {
        const signed = util.htob(extra.signature || '');
        const ok = extra.pubkey === args.router_pubkey && signed.length === 96
            && nacl.sign.detached.verify(signed.slice(64), signed.slice(0, 64), util.htob(extra.pubkey))
            && util.btoh(signed.slice(64)) === util.btoh(myChallenge);
        report.check('router_signature', ok, extra);
      }
      return autobahn.auth_cryptosign.sign_challenge(pair, extra);
    },
  };
}

function main() {
  const args = parseArgs(process.argv.slice(2), 'node auth_client.js ticket|wampcra|cryptosign --url URL [options]',
      {modes: ['ticket', 'wampcra', 'cryptosign']});
  const report = new Report();
  const auth = authentication(args, report);
  const connection = new autobahn.Connection(
      Object.assign(connectionOptions(args), {onchallenge: auth.onchallenge}, auth.options));
  let done = false;
  const finish = () => {
    if (!done) {
      done = true;
      process.exit(report.emit() ? 0 : 1);
    }
  };
  connection.onopen = (session, details) => {
    if (args.expect_abort) {
      report.fail('abort', 'joined as ' + details.authid + '/' + details.authrole);
      connection.close();
      return;
    }
    report.check('welcome', details.authrole === args.expect_role
        && (!args.expect_authid || details.authid === args.expect_authid)
        && details.authmethod === args.mode, details);
    session.publish('com.example.auth.check', [1], {}, {acknowledge: true}).then(
        () => report.check('session_works', true),
        (e) => report.fail('session_works', JSON.stringify(e)))
        .then(() => connection.close());
  };
  connection.onclose = (reason, details) => {
    if (args.expect_abort && !('abort' in report.checks)) {
      report.check('abort', details.reason === args.expect_abort, details);
    }
    finish();
    return true; // no retry
  };
  setTimeout(() => {
    report.fail('outcome', 'no result within 60 s');
    finish();
  }, 60000).unref();
  connection.open();
}

main();
