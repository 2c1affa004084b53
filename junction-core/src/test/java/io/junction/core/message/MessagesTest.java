package io.junction.core.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesTest {

    static Stream<Message> samples() {
        return SampleMessages.all().stream();
    }

    @Test
    void samplesCoverEveryMessageType() {
        Set<MessageType> types = samples().map(Message::type).collect(Collectors.toSet());
        assertThat(types).isEqualTo(EnumSet.allOf(MessageType.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void wireListRoundTrips(Message message) {
        List<Object> wire = Messages.toList(message);

        Message parsed = Messages.parse(wire);

        assertThat(parsed.type()).isEqualTo(message.type());
        assertThat(Dicts.deepEquals(Messages.toList(parsed), wire)).isTrue();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(List.of(), "empty message"),
                Arguments.of(List.of("16", 1L, Map.of(), "t"), "message type must be an integer"),
                Arguments.of(List.of(99L, 1L), "unknown message type 99"),
                Arguments.of(List.of(6L), "GOODBYE must have 3 elements, got 1"),
                Arguments.of(List.of(6L, "wamp.error.system_shutdown"), "GOODBYE must have 3 elements, got 2"),
                Arguments.of(List.of(6L, Map.of("message", 100L), "wamp.close.normal"), "GOODBYE.Details.message"),
                Arguments.of(List.of(6L, List.of(), "wamp.close.normal"), "GOODBYE.Details must be a dict"),
                Arguments.of(List.of(6L, Map.of(), 5L), "GOODBYE.Reason must be a string"),
                Arguments.of(List.of(3L, Map.of("message", 1L), "wamp.error.x"), "ABORT.Details.message"),
                Arguments.of(List.of(1L, 5L, Map.of()), "HELLO.Realm must be a string"),
                Arguments.of(List.of(1L, "realm1", Map.of("roles", "all")), "HELLO.Details.roles"),
                Arguments.of(List.of(1L, "realm1", Map.of("authmethods", List.of("ticket", 1L))), "HELLO.Details.authmethods"),
                Arguments.of(List.of(2L, 0L, Map.of()), "WELCOME.Session must be an ID"),
                Arguments.of(List.of(2L, 5L, Map.of("authid", 1L)), "WELCOME.Details.authid"),
                Arguments.of(List.of(16L, 1L, Map.of(), "t", List.of(), Map.of(), List.of()), "PUBLISH must have 4 to 6 elements, got 7"),
                Arguments.of(List.of(16L, 1L, Map.of()), "PUBLISH must have 4 to 6 elements, got 3"),
                Arguments.of(List.of(16L, 0L, Map.of(), "t"), "PUBLISH.Request must be an ID"),
                Arguments.of(List.of(16L, -1L, Map.of(), "t"), "PUBLISH.Request must be an ID"),
                Arguments.of(List.of(16L, (1L << 53) + 1, Map.of(), "t"), "PUBLISH.Request must be an ID"),
                Arguments.of(List.of(16L, 1.0, Map.of(), "t"), "PUBLISH.Request must be an ID"),
                Arguments.of(List.of(16L, true, Map.of(), "t"), "PUBLISH.Request must be an ID"),
                Arguments.of(List.of(16L, BigInteger.TWO.pow(64), Map.of(), "t"), "PUBLISH.Request must be an ID"),
                Arguments.of(List.of(16L, 1L, Map.of(), "t", "x"), "PUBLISH.Arguments must be a list"),
                Arguments.of(List.of(16L, 1L, Map.of(), "t", List.of(), List.of()), "PUBLISH.ArgumentsKw must be a dict"),
                Arguments.of(Arrays.asList(16L, 1L, Map.of(), "t", null), "PUBLISH.Arguments must be a list"),
                Arguments.of(Arrays.asList(16L, 1L, Map.of(), "t", List.of(), null), "PUBLISH.ArgumentsKw must be a dict"),
                Arguments.of(List.of(16L, 1L, Map.of("exclude", List.of(0L)), "t"), "PUBLISH.Options.exclude"),
                Arguments.of(List.of(16L, 1L, Map.of("eligible", List.of(1.5)), "t"), "PUBLISH.Options.eligible"),
                Arguments.of(List.of(16L, 1L, Map.of("disclose_me", 1L), "t"), "PUBLISH.Options.disclose_me"),
                Arguments.of(List.of(16L, 1L, Map.of("forward_for", List.of("r1")), "t"), "PUBLISH.Options.forward_for"),
                Arguments.of(List.of(16L, 1L, Map.of("enc_algo", "rot13"), "t", new byte[0]), "PUBLISH.Options.enc_algo"),
                Arguments.of(List.of(16L, 1L, Map.of("ppt_scheme", 1L), "t", new byte[0]), "PUBLISH.Options.ppt_scheme"),
                Arguments.of(List.of(16L, 1L, Map.of("enc_algo", "cryptobox"), "t", new byte[0], Map.of()),
                        "PUBLISH.ArgumentsKw must be absent with a passthru payload"),
                Arguments.of(List.of(16L, 1L, Map.of("enc_algo", "cryptobox"), "t", 5L), "PUBLISH.Arguments must be a list"),
                Arguments.of(List.of(17L, 1L, 0L), "PUBLISHED.Publication must be an ID"),
                Arguments.of(List.of(32L, 1L, Map.of("match", "regex"), "t"), "SUBSCRIBE.Options.match"),
                Arguments.of(List.of(32L, 1L, Map.of("match", 1L), "t"), "SUBSCRIBE.Options.match"),
                Arguments.of(List.of(32L, 1L, Map.of("get_retained", "x"), "t"), "SUBSCRIBE.Options.get_retained"),
                Arguments.of(List.of(32L, 1L, Map.of(), "t", List.of()), "SUBSCRIBE must have 4 elements, got 5"),
                Arguments.of(List.of(34L, 1L, "5"), "UNSUBSCRIBE.Subscription must be an ID"),
                Arguments.of(List.of(35L, 0L), "UNSUBSCRIBED.Request must be an ID"),
                Arguments.of(List.of(35L, 0L, Map.of("subscription", "s")), "UNSUBSCRIBED.Details.subscription"),
                Arguments.of(List.of(35L, 0L, Map.of("reason", 1L)), "UNSUBSCRIBED.Details.reason"),
                Arguments.of(List.of(36L, 1L, 2L, Map.of("publisher", 0L)), "EVENT.Details.publisher"),
                Arguments.of(List.of(36L, 1L, 2L, Map.of("trustlevel", "high")), "EVENT.Details.trustlevel"),
                Arguments.of(List.of(48L, 1L, Map.of("timeout", -1L), "p"), "CALL.Options.timeout"),
                Arguments.of(List.of(48L, 1L, Map.of("timeout", -1.5), "p"), "CALL.Options.timeout"),
                Arguments.of(List.of(48L, 1L, Map.of("receive_progress", "yes"), "p"), "CALL.Options.receive_progress"),
                Arguments.of(List.of(48L, 1L, Map.of("progress", 1L), "p"), "CALL.Options.progress"),
                Arguments.of(List.of(48L, 1L, Map.of("disclose_me", "x"), "p"), "CALL.Options.disclose_me"),
                Arguments.of(List.of(49L, 1L, Map.of("mode", "nuke")), "CANCEL.Options.mode"),
                Arguments.of(List.of(50L, 1L, Map.of("progress", "x")), "RESULT.Details.progress"),
                Arguments.of(List.of(64L, 1L, Map.of("force_reregister", "truthy"), "p"), "REGISTER.Options.force_reregister"),
                Arguments.of(List.of(64L, 1L, Map.of("invoke", "everyone"), "p"), "REGISTER.Options.invoke"),
                Arguments.of(List.of(64L, 1L, Map.of("concurrency", 0L), "p"), "REGISTER.Options.concurrency"),
                Arguments.of(List.of(64L, 1L, Map.of("match", "exactly"), "p"), "REGISTER.Options.match"),
                Arguments.of(List.of(67L, 0L), "UNREGISTERED.Request must be an ID"),
                Arguments.of(List.of(67L, 0L, Map.of("registration", -5L)), "UNREGISTERED.Details.registration"),
                Arguments.of(List.of(68L, 1L, 2L, Map.of("caller", "me")), "INVOCATION.Details.caller"),
                Arguments.of(List.of(68L, 1L, 2L, Map.of("procedure", 1L)), "INVOCATION.Details.procedure"),
                Arguments.of(List.of(69L, 1L, Map.of("mode", "skip")), "INTERRUPT.Options.mode"),
                Arguments.of(List.of(70L, 1L, Map.of("progress", 1L)), "YIELD.Options.progress"),
                Arguments.of(List.of(8L, 1L, 5L, Map.of(), "e"), "ERROR.REQUEST.Type"),
                Arguments.of(List.of(8L, 49L, 5L, Map.of(), "e"), "ERROR.REQUEST.Type"),
                Arguments.of(List.of(8L, 48L, 0L, Map.of(), "e"), "ERROR.Request must be an ID"),
                Arguments.of(List.of(337L, 1L, 2L), "EVENT_RECEIVED must have 2 elements, got 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMessageIsRejectedWithAMessageNamingTheProblem(List<?> wire, String expected) {
        assertThatThrownBy(() -> Messages.parse(wire))
                .isInstanceOf(ProtocolViolation.class)
                .hasMessageContaining(expected);
    }

    static Stream<List<?>> accepted() {
        return Stream.of(
                List.of(35L, 0L, Map.of("subscription", 5L)),
                List.of(35L, 7L, Map.of("subscription", 5L, "reason", "wamp.subscription.revoked")),
                List.of(67L, 0L, Map.of("registration", 5L)),
                List.of(16L, 1L << 53, Map.of(), "t"),
                List.of(32L, 1L, nullMatch(), "t"),
                List.of(16L, 1L, Map.of("x_custom", List.of(1L), "acknowledge", true), "t"),
                List.of(16L, 1L, Map.of("enc_algo", "x_mine"), "t", "opaque text"),
                List.of(16L, 1L, Map.of("ppt_scheme", "mqtt"), "t", new byte[]{1}),
                List.of(16L, 1L, Map.of("ppt_scheme", "wamp", "ppt_serializer", "cbor"), "t", List.of(new byte[]{1})),
                List.of(48L, 1L, Map.of("timeout", 0L), "p"),
                List.of(48L, 1L, Map.of("timeout", 2.5), "p"),
                List.of(1L, "realm1", Map.of("roles", Map.of(), "authmethods", List.of(), "authid", "")),
                List.of(8L, 68L, 5L, Map.of(), "wamp.error.runtime_error", List.of(), Map.of()));
    }

    private static Map<String, Object> nullMatch() {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("match", null);
        m.put("get_retained", null);
        return m;
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void acceptedMessageRoundTripsUnchanged(List<?> wire) {
        Message message = Messages.parse(wire);

        assertThat(Dicts.deepEquals(Messages.toList(message), wire)).isTrue();
    }

    @Test
    void nullOptionValuesCountAsAbsent() {
        Message m = Messages.parse(List.of(32L, 1L, nullMatch(), "t"));

        assertThat(((Subscribe) m).options()).containsEntry("match", null);
    }

    @Test
    void absentEmptyAndPresentArgumentsStayDistinct() {
        Publish none = (Publish) Messages.parse(List.of(16L, 1L, Map.of(), "t"));
        Publish empty = (Publish) Messages.parse(List.of(16L, 1L, Map.of(), "t", List.of()));
        Publish both = (Publish) Messages.parse(List.of(16L, 1L, Map.of(), "t", List.of(), Map.of()));

        assertThat(none.args()).isNull();
        assertThat(none.kwargs()).isNull();
        assertThat(Messages.toList(none)).hasSize(4);
        assertThat(empty.args()).isEmpty();
        assertThat(empty.kwargs()).isNull();
        assertThat(Messages.toList(empty)).hasSize(5);
        assertThat(both.args()).isEmpty();
        assertThat(both.kwargs()).isEmpty();
        assertThat(Messages.toList(both)).hasSize(6);
    }

    @Test
    void kwargsOnlyPayloadPutsAnEmptyArgumentsListOnTheWire() {
        Publish p = new Publish(1, Map.of(), "t", Payload.of(null, Map.of("k", 1L)));

        assertThat(Messages.toList(p)).containsExactly(16L, 1L, Map.of(), "t", List.of(), Map.of("k", 1L));
    }

    @Test
    void passthruPayloadIsTransparentOnlyWhenItIsNotAList() {
        Publish opaque = (Publish) Messages.parse(List.of(16L, 1L, Map.of("enc_algo", "cryptobox"), "t", new byte[]{7}));
        Publish listed = (Publish) Messages.parse(List.of(16L, 1L, Map.of("ppt_scheme", "wamp"), "t", List.of(new byte[]{7})));

        assertThat(opaque.payload().isTransparent()).isTrue();
        assertThat(opaque.payload().transparentValue()).isEqualTo(new byte[]{7});
        assertThat(opaque.args()).isNull();
        assertThat(listed.payload().isTransparent()).isFalse();
        assertThat(listed.args()).hasSize(1);
    }

    @Test
    void envelopeEndsBeforeThePayload() {
        Call call = new Call(5, Map.of(), "p", Payload.of(List.of(1L)));

        assertThat(Messages.envelope(call)).containsExactly(48L, 5L, Map.of(), "p");
        assertThat(Messages.isPassthru(Messages.envelope(call), 4)).isFalse();
    }
}
