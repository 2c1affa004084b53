package io.junction.router.dealer;

import io.junction.core.error.WampErrors;
import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Caller Identification (ACCEPTANCE F44) and the realm's caller_disclosure policy. */
class CallerIdentificationTest extends RpcTestBase {

    @Test
    void discloseMeTellsTheCalleeWhoCalls() {
        TestClient callee = callee("caller_identification");
        callee.register("com.example.echo");
        TestClient caller = caller("caller_identification");
        caller.call("com.example.echo", options("disclose_me", true), Payload.NONE);
        Invocation inv = callee.expect(Invocation.class);
        assertThat(inv.details())
                .containsEntry("caller", caller.sessionId())
                .containsEntry("caller_authrole", "anonymous")
                .containsKey("caller_authid");
        assertThat(inv.details().get("caller_authid")).isEqualTo(
                harness.router().session(caller.sessionId()).details().auth().authid());
    }

    @Test
    void withoutDiscloseMeTheCallerStaysAnonymous() {
        TestClient callee = callee();
        callee.register("com.example.echo");
        TestClient caller = caller();
        caller.call("com.example.echo", options("disclose_me", false), Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).isEmpty();
    }

    @Test
    void aCalleeMayAskForTheCallerWithDiscloseCaller() {
        TestClient callee = callee("caller_identification");
        callee.register("com.example.echo", options("disclose_caller", true));
        TestClient caller = caller();
        caller.call("com.example.echo", Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).containsEntry("caller", caller.sessionId());
    }

    @Test
    void aRoleCanBeAlwaysDisclosed() {
        configure("realms: [{name: realm1, dealer: {caller_disclosure: {roles: {anonymous: always}}}}]");
        TestClient callee = callee();
        callee.register("com.example.echo");
        TestClient caller = caller();
        caller.call("com.example.echo", Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).containsEntry("caller", caller.sessionId());
    }

    @Test
    void aRoleCanBeDeniedDisclosure() {
        configure("realms: [{name: realm1, dealer: {caller_disclosure: {default: deny}}}]");
        TestClient callee = callee();
        callee.register("com.example.echo", options("disclose_caller", true));
        TestClient caller = caller();
        long call = caller.call("com.example.echo", options("disclose_me", true), Payload.NONE);
        assertThat(caller.expectError(WampErrors.OPTION_DISALLOWED_DISCLOSE_ME).request()).isEqualTo(call);
        assertQuiet(callee);
        caller.call("com.example.echo", Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).doesNotContainKey("caller"); // disclose_caller is not honored
    }

    @Test
    void thePolicyIsAnInterfaceKeyedByAuthrole() {
        dealer().callerDisclosure(role -> "anonymous".equals(role)
                ? io.junction.router.config.DealerConfig.Disclosure.ALWAYS
                : io.junction.router.config.DealerConfig.Disclosure.DENY);
        TestClient callee = callee();
        callee.register("com.example.echo");
        TestClient caller = caller();
        caller.call("com.example.echo", Map.of(), Payload.NONE);
        assertThat(callee.expect(Invocation.class).details()).containsEntry("caller_authrole", "anonymous");
    }
}
