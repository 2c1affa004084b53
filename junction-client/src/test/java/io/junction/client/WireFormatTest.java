package io.junction.client;

import io.junction.core.message.Call;
import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Message;
import io.junction.core.message.Payload;
import io.junction.core.message.Publish;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Subscribe;
import io.junction.core.serialization.Codecs;
import io.junction.core.serialization.Serialization;
import io.junction.core.serialization.WampCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the client's messages look like on the wire, in JSON. */
class WireFormatTest extends FakeRouterTestBase {

    private static final WampCodec JSON = Codecs.of(Serialization.JSON);

    private String json(Message m) {
        return new String(JSON.encode(m), StandardCharsets.UTF_8);
    }

    @Test
    void hello() {
        client = builder().build();
        client.connect();
        String hello = json(router.expect(Hello.class));
        assertThat(hello).startsWith("[1,\"realm1\",{\"agent\":\"Junction");
        assertThat(hello).contains("\"authmethods\":[\"anonymous\"]").doesNotContain("null").doesNotContain("authid");
    }

    @Test
    void callsCarryOnlyWhatWasGiven() {
        Session s = joined();
        s.call("p");
        s.call("p", 1, "a");
        s.call("p", null, Map.of("k", true));
        s.call("p", new CallOptions().timeout(java.time.Duration.ofSeconds(1)));
        assertThat(json(router.expect(Call.class))).isEqualTo("[48,1,{},\"p\"]");
        assertThat(json(router.expect(Call.class))).isEqualTo("[48,2,{},\"p\",[1,\"a\"]]");
        assertThat(json(router.expect(Call.class))).isEqualTo("[48,3,{},\"p\",[],{\"k\":true}]");
        assertThat(json(router.expect(Call.class))).isEqualTo("[48,4,{\"timeout\":1000},\"p\"]");
    }

    @Test
    void publishSubscribeRegister() {
        Session s = joined();
        s.publish("t", new PublishOptions().acknowledge(true).excludeMe(false), "x");
        s.subscribe("t", e -> { });
        s.register("p", inv -> null);
        assertThat(json(router.expect(Publish.class)))
                .isEqualTo("[16,1,{\"acknowledge\":true,\"exclude_me\":false},\"t\",[\"x\"]]");
        assertThat(json(router.expect(Subscribe.class))).isEqualTo("[32,2,{},\"t\"]");
        assertThat(json(router.expect(Register.class))).isEqualTo("[64,3,{},\"p\"]");
    }

    @Test
    void yieldsAndErrors() {
        Session s = joined();
        s.register("nothing", inv -> null);
        router.send(new Registered(router.expect(Register.class).request(), 1));
        s.register("kwonly", inv -> CallResult.ofKwargs(Map.of("a", 1)));
        router.send(new Registered(router.expect(Register.class).request(), 2));
        s.register("boom", inv -> {
            throw new IllegalStateException("bad");
        });
        router.send(new Registered(router.expect(Register.class).request(), 3));
        router.send(new io.junction.core.message.Invocation(7, 1, Map.of(), Payload.NONE));
        assertThat(json(router.next())).isEqualTo("[70,7,{}]");
        router.send(new io.junction.core.message.Invocation(8, 2, Map.of(), Payload.NONE));
        assertThat(json(router.next())).isEqualTo("[70,8,{},[],{\"a\":1}]");
        router.send(new io.junction.core.message.Invocation(9, 3, Dicts.of("x", 1L), Payload.of(List.of())));
        assertThat(json(router.next())).isEqualTo("[8,68,9,{},\"wamp.error.runtime_error\",[\"bad\"]]");
    }
}
