package io.junction.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that {@link Session#registerObject(Object)} subscribes to a topic. Parameters
 * are bound from the event as for {@link WampProcedure} (a parameter of type {@link Event} gets
 * the event); the return value is ignored. Events that do not bind are logged and skipped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WampTopic {

    /** The topic URI. */
    String value();

    /** Pattern-based subscription; {@link Match#EXACT} (the default) sends no {@code match} option. */
    Match match() default Match.EXACT;
}
