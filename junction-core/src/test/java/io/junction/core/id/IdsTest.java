package io.junction.core.id;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.core.PythonValues;
import io.junction.core.Vectors;
import io.junction.core.message.Messages;
import io.junction.core.message.Unsubscribed;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    static Stream<Arguments> autobahnIdValidation() {
        JsonNode cases = Vectors.read("autobahn-python/message/id_validation.json").path("cases");
        List<Arguments> args = new ArrayList<>();
        cases.properties().forEach(c -> {
            boolean valid = c.getValue().path("expect").asText().equals("valid");
            c.getValue().path("values").forEach(v -> args.add(Arguments.of(v.toString(), PythonValues.toJava(v), valid)));
        });
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("autobahnIdValidation")
    void autobahnIdValidation(String name, Object value, boolean autobahnValid) {
        if (Long.valueOf(0).equals(value)) {
            // Autobahn accepts 0 everywhere; the spec range starts at 1, and 0 is only the request of a revocation
            assertThat(Ids.isId(value)).isFalse();
            assertThat(Messages.parse(List.of(35L, value, Map.of("subscription", 5L)))).isInstanceOf(Unsubscribed.class);
        } else {
            assertThat(Ids.isId(value)).isEqualTo(autobahnValid);
        }
    }

    @Test
    void idsAreIntegersFromOneTo2Pow53() {
        assertThat(Ids.isId(1)).isTrue();
        assertThat(Ids.isId(BigInteger.valueOf(Ids.MAX))).isTrue();
        assertThat(Ids.isId(Ids.MAX + 1)).isFalse();
        assertThat(Ids.isId(BigInteger.TWO.pow(64))).isFalse();
        assertThat(Ids.isId(1.0)).isFalse();
        assertThat(Ids.isId(true)).isFalse();
        assertThat(Ids.isId("1")).isFalse();
    }

    @RepeatedTest(20)
    void randomIdsAreValid() {
        assertThat(Ids.isValid(Ids.randomId())).isTrue();
    }

    @Test
    void sessionScopeIdsWrapToOne() {
        assertThat(Ids.next(1)).isEqualTo(2);
        assertThat(Ids.next(Ids.MAX)).isEqualTo(1);
    }
}
