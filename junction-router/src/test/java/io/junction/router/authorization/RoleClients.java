package io.junction.router.authorization;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.junction.core.message.Authenticate;
import io.junction.core.message.Dicts;
import io.junction.core.message.Hello;
import io.junction.core.message.Welcome;
import io.junction.core.serialization.Serialization;
import io.junction.router.auth.AuthIdentity;
import io.junction.router.auth.AuthMethod;
import io.junction.router.auth.AuthOutcome;
import io.junction.router.auth.AuthRequest;
import io.junction.router.auth.Authenticator;
import io.junction.router.testing.RouterHarness;
import io.junction.router.testing.TestClient;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sessions under a chosen role, for authorization tests: a test authentication method {@value #METHOD}
 * admits the client as its authid with the role named in {@code authextra.role}.
 */
final class RoleClients {

    static final String METHOD = "role-from-authextra";

    private RoleClients() {
    }

    static void install(RouterHarness harness) {
        for (var realm : harness.router().realms()) {
            realm.addAuthMethod(new AuthMethod() {
                @Override
                public String name() {
                    return METHOD;
                }

                @Override
                public Authenticator start(AuthRequest request) {
                    return new Authenticator() {
                        @Override
                        public CompletionStage<AuthOutcome> hello() {
                            String role = String.valueOf(request.authextra().get("role"));
                            return CompletableFuture.completedFuture(AuthOutcome.accept(
                                    new AuthIdentity(request.authid(), role, METHOD, "test", Map.of())));
                        }

                        @Override
                        public CompletionStage<AuthOutcome> authenticate(Authenticate authenticate) {
                            throw new IllegalStateException("no challenge");
                        }
                    };
                }
            });
        }
    }

    /**
     * A client that said HELLO to realm1 as {@code authid} asking for {@code role}; the WELCOME (or
     * ABORT) is next, whatever the handshake timeout.
     */
    static TestClient hello(RouterHarness harness, String authid, String role) {
        return harness.connect(Serialization.JSON, new Hello("realm1", Dicts.of(
                "roles", Map.of("publisher", Map.of(), "subscriber", Map.of(), "caller", Map.of(), "callee", Map.of()),
                "authmethods", List.of(METHOD), "authid", authid, "authextra", Map.of("role", role))));
    }

    static TestClient join(RouterHarness harness, String authid, String role) {
        TestClient c = hello(harness, authid, role);
        c.expect(Welcome.class);
        return c;
    }

    /** Collects what {@code type} logs. */
    static ListAppender<ILoggingEvent> captureLogs(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    static void stopCapturing(Class<?> type, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
    }
}
