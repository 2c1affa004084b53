package io.junction.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that {@link Session#registerObject(Object)} registers as a procedure.
 *
 * <p>Parameters are bound from the invocation: a parameter of type {@link Invocation} gets the
 * invocation; one annotated {@link Kwarg} gets that keyword argument; the others take the
 * positional arguments in order, and when there are fewer positional arguments, the keyword
 * argument of the parameter's name (if the class was compiled with {@code -parameters}). Values
 * are converted to the parameter types with Jackson. A missing primitive, a value that does not
 * convert, or more positional arguments than parameters fail the call with
 * {@code wamp.error.invalid_argument}.
 *
 * <p>The return value becomes the result as for an {@link InvocationHandler}: nothing for
 * {@code void}, a {@link CallResult} as it is, a {@link java.util.concurrent.CompletionStage}
 * once complete, anything else as the single positional argument.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WampProcedure {

    /** The procedure URI. */
    String value();

    /** Pattern-based registration; {@link Match#EXACT} (the default) sends no {@code match} option. */
    Match match() default Match.EXACT;

    /** Shared registration; {@link InvocationPolicy#SINGLE} (the default) sends no {@code invoke} option. */
    InvocationPolicy invoke() default InvocationPolicy.SINGLE;
}
