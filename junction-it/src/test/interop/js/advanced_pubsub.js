// AutobahnJS against Junction's Advanced Profile publish & subscribe features (Node 20).
//
//   node advanced_pubsub.js --url URL --serializer json|msgpack|cbor [--realm R] [--prefix P]
//
// Four sessions in this process (a publisher and three subscribers) exercise subscriber black- and
// whitelisting (exclude, eligible, eligible_authrole), publisher exclusion (exclude_me), publisher
// identification (disclose_me), prefix and wildcard subscriptions (details.topic, one delivery per
// matching subscription), event retention (retain, get_retained, details.retained) and the reserved
// wamp.* topics. Prints one JSON line {"ok": bool, "checks": {...}}; exit status 0 iff ok.
'use strict';

const {parseArgs, openSession, sameId, Report, withTimeout} = require('./common');

// What one session received: {subscription, args, details} per event.
class Inbox {
  constructor(name) { this.name = name; this.events = []; this.waiters = []; }
  handler(subscription) {
    return (args, kwargs, details) => {
      this.events.push({subscription, args: args || [], details});
      this.waiters.slice().forEach((w) => w());
    };
  }
  of(subscription) { return this.events.filter((e) => e.subscription === subscription); }
  waitFor(predicate, what) {
    return withTimeout(new Promise((resolve) => {
      const poll = () => {
        if (predicate()) {
          this.waiters = this.waiters.filter((w) => w !== poll);
          resolve();
        }
      };
      this.waiters.push(poll);
      poll();
    }), 10000, what);
  }
}

async function exercise(args, report, pub, subs, inboxes) {
  const p = args.prefix;
  const topic = p + '.bw';
  for (let i = 0; i < subs.length; i++) {
    await subs[i].subscribe(topic, inboxes[i].handler('bw'));
  }
  const [a, b, c] = subs;
  const [ia, ib, ic] = subs.map((s) => s.id);

  // publishes 'x' with options, then a marker to everybody; who got 'x'?
  async function receivers(marker, options) {
    await pub.publish(topic, ['x', marker], {}, Object.assign({acknowledge: true}, options));
    await pub.publish(topic, ['marker', marker], {}, {acknowledge: true});
    for (const box of inboxes) {
      await box.waitFor(() => box.of('bw').some((e) => e.args[0] === 'marker' && e.args[1] === marker), 'marker');
    }
    return inboxes.filter((box) => box.of('bw').some((e) => e.args[0] === 'x' && e.args[1] === marker))
        .map((box) => box.name).sort().join(',');
  }

  let got = await receivers(1, {exclude: [ib]});
  report.check('exclude', got === 'a,c', got);
  got = await receivers(2, {eligible: [ia, ic]});
  report.check('eligible', got === 'a,c', got);
  got = await receivers(3, {eligible: [ia, ib, ic], exclude: [ia]});
  report.check('eligible_and_exclude', got === 'b,c', got);
  got = await receivers(4, {eligible_authrole: ['anonymous'], exclude_authrole: ['nobody']});
  report.check('eligible_authrole', got === 'a,b,c', got);
  got = await receivers(5, {exclude_authrole: ['anonymous']});
  report.check('exclude_authrole', got === '', got);

  // publisher exclusion
  const own = new Inbox('pub');
  await pub.subscribe(p + '.own', own.handler('own'));
  await pub.publish(p + '.own', [1], {}, {acknowledge: true});
  await pub.publish(p + '.own', [2], {}, {acknowledge: true, exclude_me: false});
  await own.waitFor(() => own.events.length >= 1, 'own event');
  report.check('exclude_me', own.events.length === 1 && own.events[0].args[0] === 2, own.events.map((e) => e.args));

  // publisher identification
  let box = inboxes[0];
  await a.subscribe(p + '.disclosed', box.handler('disclosed'));
  await pub.publish(p + '.disclosed', ['disclosed'], {}, {acknowledge: true, disclose_me: true});
  await pub.publish(p + '.disclosed', ['undisclosed'], {}, {acknowledge: true});
  await box.waitFor(() => box.of('disclosed').length === 2, 'disclosed events');
  const [disclosed, undisclosed] = box.of('disclosed').map((e) => e.details);
  report.check('disclose_me', sameId(disclosed.publisher, pub.id) && disclosed.publisher_authrole === 'anonymous'
               && typeof disclosed.publisher_authid === 'string', disclosed);
  report.check('not_disclosed', undisclosed.publisher == null, undisclosed);

  // pattern-based subscriptions
  box = inboxes[1];
  await b.subscribe(p + '.pattern', box.handler('prefix'), {match: 'prefix'});
  await b.subscribe(p + '.pattern..leaf', box.handler('wildcard'), {match: 'wildcard'});
  const concrete = p + '.pattern.x42.leaf';
  const published = await pub.publish(concrete, ['pattern'], {}, {acknowledge: true});
  await box.waitFor(() => box.of('prefix').length === 1 && box.of('wildcard').length === 1, 'pattern events');
  const pe = box.of('prefix')[0].details;
  const we = box.of('wildcard')[0].details;
  report.check('prefix_and_wildcard_topic', pe.topic === concrete && we.topic === concrete, [pe.topic, we.topic]);
  report.check('same_publication', sameId(pe.publication, published.id) && sameId(we.publication, published.id),
               [published.id, pe.publication, we.publication]);
  await pub.publish(p + '.patternx.y.leaf', ['plain prefix'], {}, {acknowledge: true});
  await box.waitFor(() => box.of('prefix').length === 2, 'plain prefix event');
  report.check('plain_string_prefix', box.of('prefix')[1].args[0] === 'plain prefix' && box.of('wildcard').length === 1,
               box.of('prefix').map((e) => e.args));

  // event retention
  const retained = await pub.publish(p + '.state', ['latest'], {}, {acknowledge: true, retain: true});
  box = inboxes[2];
  await c.subscribe(p + '.state', box.handler('retained'), {get_retained: true});
  await box.waitFor(() => box.of('retained').length === 1, 'retained event');
  const re = box.of('retained')[0];
  report.check('get_retained', re.args[0] === 'latest' && re.details.retained === true
               && sameId(re.details.publication, retained.id), re);
  await pub.publish(p + '.state', ['live'], {}, {acknowledge: true});
  await box.waitFor(() => box.of('retained').length === 2, 'live event');
  report.check('live_not_retained', !box.of('retained')[1].details.retained, box.of('retained')[1].details);

  // reserved URIs
  try {
    await pub.publish('wamp.session.on_join', [], {}, {acknowledge: true});
    report.fail('reserved_topic', 'no error');
  } catch (e) {
    report.check('reserved_topic', e.error === 'wamp.error.invalid_uri', e.error);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2),
      'node advanced_pubsub.js --url URL [--serializer S] [--realm R] [--prefix P]',
      {defaults: {prefix: 'interop.js.advanced'}});
  const report = new Report();
  const opened = [];
  try {
    for (let i = 0; i < 4; i++) {
      opened.push(await withTimeout(openSession(args), 30000, 'join'));
    }
    const sessions = opened.map((o) => o.session);
    await withTimeout(exercise(args, report, sessions[0], sessions.slice(1), ['a', 'b', 'c'].map((n) => new Inbox(n))),
                      60000, 'exercise');
  } catch (e) {
    report.fail('completion', e && e.stack ? e.stack : e);
  }
  opened.forEach((o) => o.connection.close());
  process.exit(report.emit() ? 0 : 1);
}

main();
