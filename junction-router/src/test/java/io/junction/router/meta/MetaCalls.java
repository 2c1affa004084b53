package io.junction.router.meta;

import io.junction.core.message.Call;
import io.junction.core.message.ErrorMessage;
import io.junction.core.message.Event;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Result;
import io.junction.core.message.Welcome;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Calling meta procedures, reading meta events and joining with a chosen authid, for tests over {@link TestClient}s. */
public final class MetaCalls {

    private MetaCalls() {
    }

    /** A session of realm1 with the given authid (anonymous authentication takes the one asked for). */
    public static TestClient joinAs(RouterHarness harness, String authid) {
        TestClient c = harness.connect();
        Welcome w = c.joinAs("realm1", authid);
        assertThat(w.details().get("authid")).isEqualTo(authid);
        return c;
    }

    /** Calls and returns the RESULT, which must be the next message the client gets. */
    public static Result call(TestClient c, String procedure, List<?> args, Map<String, ?> kwargs) {
        long request = c.request();
        c.send(new Call(request, Map.of(), procedure, Payload.of(args, kwargs)));
        Message m = c.next();
        if (!(m instanceof Result r)) {
            fail("expected RESULT of " + procedure + " but got " + m);
            throw new AssertionError();
        }
        assertThat(r.request()).isEqualTo(request);
        return r;
    }

    public static Result call(TestClient c, String procedure, Object... args) {
        return call(c, procedure, List.of(args), null);
    }

    /** Calls and expects an ERROR with {@code uri}; returns it. */
    public static ErrorMessage callError(TestClient c, String uri, String procedure, List<?> args, Map<String, ?> kwargs) {
        long request = c.request();
        c.send(new Call(request, Map.of(), procedure, Payload.of(args, kwargs)));
        Message m = c.next();
        if (!(m instanceof ErrorMessage e)) {
            fail("expected ERROR " + uri + " from " + procedure + " but got " + m);
            throw new AssertionError();
        }
        assertThat(e.error()).as("error of %s: %s", procedure, e).isEqualTo(uri);
        assertThat(e.request()).isEqualTo(request);
        return e;
    }

    /** The single positional result, a list. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Result r) {
        return (List<Object>) result(r);
    }

    /** The single positional result. */
    public static Object result(Result r) {
        assertThat(r.payload().args()).hasSize(1);
        return r.payload().args().get(0);
    }

    /**
     * The next {@code n} events {@code watcher} gets, of topics {@code family} + name (e.g.
     * {@code "wamp.registration."} + {@code "on_create"}), each as "name session id", the id taken
     * from the details where the event carries them.
     */
    public static List<String> metaEvents(TestClient watcher, String family, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event e = watcher.expect(Event.class);
            String topic = (String) e.details().get("topic");
            List<Object> args = e.payload().args();
            Object second = args.get(1) instanceof Map<?, ?> details ? details.get("id") : args.get(1);
            out.add(topic.substring(family.length()) + " " + args.get(0) + " " + second);
        }
        return out;
    }
}
