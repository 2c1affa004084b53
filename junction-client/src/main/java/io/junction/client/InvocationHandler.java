package io.junction.client;

/**
 * Handles the invocations of a registered procedure. It runs on the client's handler executor,
 * possibly concurrently with other invocations of the same registration.
 *
 * <p>What it returns becomes the call's result: {@code null} (no arguments), a {@link CallResult}
 * (its args and kwargs), a {@link java.util.concurrent.CompletionStage} (its outcome, when it
 * completes), or any other value (the single positional argument, mapped to a WAMP value). What it
 * throws becomes the caller's ERROR: a {@link WampException} keeps its URI, args and kwargs;
 * anything else becomes {@code wamp.error.runtime_error} with the exception's message as
 * {@code args[0]}.
 */
@FunctionalInterface
public interface InvocationHandler {

    Object invoke(Invocation invocation) throws Exception;
}
