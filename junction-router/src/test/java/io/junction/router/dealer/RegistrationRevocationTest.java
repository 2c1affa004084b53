package io.junction.router.dealer;

import io.junction.core.message.Dicts;
import io.junction.core.message.Invocation;
import io.junction.core.message.Payload;
import io.junction.core.message.Register;
import io.junction.core.message.Registered;
import io.junction.core.message.Result;
import io.junction.core.message.Unregistered;
import io.junction.core.message.Yield;
import io.junction.router.RouterFeatures;
import io.junction.router.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration Revocation, force_reregister (ACCEPTANCE F34, F35) and the registration listener hooks. */
class RegistrationRevocationTest extends RpcTestBase {

    @Test
    void forceReregisterRevokesTheOldCalleeWhoIsToldIfItAnnouncedRevocation() {
        TestClient old = callee("registration_revocation");
        long oldId = old.register("com.example.add");
        TestClient taker = callee("registration_revocation");
        long request = taker.request();
        taker.send(new Register(request, options("force_reregister", true), "com.example.add"));

        Unregistered revoked = old.expect(Unregistered.class);
        assertThat(revoked.request()).isZero();
        assertThat(revoked.details()).containsEntry("registration", oldId);
        assertThat(revoked.details()).containsEntry("reason", Dealer.REASON_TAKEN_OVER); // a URI: Autobahn|Python insists
        Registered registered = taker.expect(Registered.class);
        assertThat(registered.request()).isEqualTo(request);

        TestClient caller = caller();
        long call = caller.call("com.example.add", Payload.NONE);
        Invocation inv = taker.expect(Invocation.class);
        assertThat(inv.registration()).isEqualTo(registered.registration());
        taker.send(new Yield(inv.request(), Map.of(), Payload.NONE));
        assertThat(caller.expect(Result.class).request()).isEqualTo(call);
        assertQuiet(old);
    }

    @Test
    void aCalleeWithoutRevocationSupportIsRemovedSilently() {
        TestClient old = callee();
        old.register("com.example.add");
        TestClient taker = callee();
        taker.send(new Register(taker.request(), options("force_reregister", true), "com.example.add"));
        taker.expect(Registered.class);
        assertQuiet(old);
        assertThat(dealer().match("com.example.add").callees()).extracting(c -> c.session().id())
                .containsExactly(taker.sessionId());
    }

    @Test
    void theDealerCanRevokeARegistration() {
        TestClient callee = callee("registration_revocation");
        long id = callee.register("com.example.add");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dealer().revoke(id, callee.sessionId(), "not a uri"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dealer().revoke(id, callee.sessionId(), "com.example.maintenance")).isTrue();
        assertThat(callee.expect(Unregistered.class).details())
                .isEqualTo(Map.of("registration", id, "reason", "com.example.maintenance"));
        assertThat(dealer().registration(id)).isNull();
        assertThat(dealer().revoke(id, callee.sessionId(), "again")).isFalse();
    }

    @Test
    void listenersSeeCreateRegisterUnregisterDeleteInOrder() {
        List<String> events = new CopyOnWriteArrayList<>();
        dealer().addRegistrationListener(new RegistrationListener() {
            @Override
            public void onCreate(long session, Registration r) {
                events.add("create " + session + " " + r.procedure() + " " + r.match().option() + " " + r.invoke().option()
                        + " " + (r.created() != null));
            }

            @Override
            public void onRegister(long session, Registration r) {
                events.add("register " + session + " " + r.id());
            }

            @Override
            public void onUnregister(long session, Registration r) {
                events.add("unregister " + session + " " + r.id());
            }

            @Override
            public void onDelete(long session, Registration r) {
                events.add("delete " + session + " " + r.id());
            }
        });
        TestClient a = callee();
        long id = a.register("com.example.", options("match", "prefix", "invoke", "first"));
        TestClient b = callee();
        b.register("com.example.", options("match", "prefix", "invoke", "first"));
        a.connection().drop();
        org.awaitility.Awaitility.await().until(() -> events.size() == 4);
        b.connection().drop();
        org.awaitility.Awaitility.await().until(() -> events.size() == 6);
        assertThat(events).containsExactly(
                "create " + a.sessionId() + " com.example. prefix first true",
                "register " + a.sessionId() + " " + id,
                "register " + b.sessionId() + " " + id,
                "unregister " + a.sessionId() + " " + id,
                "unregister " + b.sessionId() + " " + id,
                "delete " + b.sessionId() + " " + id);
    }

    @Test
    void welcomeAnnouncesExactlyTheImplementedDealerFeatures() {
        TestClient c = harness.connect();
        var welcome = c.join("realm1", io.junction.core.message.Dicts.of("roles", Map.of("caller", Map.of())));
        @SuppressWarnings("unchecked")
        Map<String, Object> dealer = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                welcome.details().get("roles")).get("dealer")).get("features");
        assertThat(dealer).isEqualTo(RouterFeatures.DEALER).containsOnlyKeys(
                "progressive_call_results", "progressive_call_invocations", "call_timeout", "call_canceling",
                "call_reroute", "caller_identification", "call_trustlevels", "pattern_based_registration",
                "shared_registration", "sharded_registration", "registration_revocation",
                "session_meta_api", "registration_meta_api", "testament_meta_api");
    }
}
