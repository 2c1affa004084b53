package io.junction.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonValuesTest {

    @Test
    void argumentsAreJsonLiterals() {
        assertThat(JsonValues.parseArgument("42")).isEqualTo(42);
        assertThat(JsonValues.parseArgument("-5")).isEqualTo(-5);
        assertThat(JsonValues.parseArgument("9007199254740993")).isEqualTo(9007199254740993L);
        assertThat(JsonValues.parseArgument("2.5")).isEqualTo(2.5);
        assertThat(JsonValues.parseArgument("true")).isEqualTo(true);
        assertThat(JsonValues.parseArgument("null")).isNull();
        assertThat(JsonValues.parseArgument("\"text\"")).isEqualTo("text");
        assertThat(JsonValues.parseArgument("[1,2]")).isEqualTo(List.of(1, 2));
        assertThat(JsonValues.parseArgument("{\"a\":1,\"b\":[\"x\"]}")).isEqualTo(Map.of("a", 1, "b", List.of("x")));
    }

    @Test
    void whatIsNotJsonIsAString() {
        assertThat(JsonValues.parseArgument("hello")).isEqualTo("hello");
        assertThat(JsonValues.parseArgument("hello world")).isEqualTo("hello world");
        assertThat(JsonValues.parseArgument("42 43")).isEqualTo("42 43");
        assertThat(JsonValues.parseArgument("[1,2")).isEqualTo("[1,2");
        assertThat(JsonValues.parseArgument("007")).isEqualTo("007");
        assertThat(JsonValues.parseArgument("")).isEqualTo("");
        assertThat(JsonValues.parseArgument("\"unterminated")).isEqualTo("\"unterminated");
    }

    @Test
    void binaryIsWrittenAndReadAsWampJsonDoes() {
        assertThat(JsonValues.toJson(new byte[]{1, 2, 3})).isEqualTo("\"\\u0000AQID\"");
        assertThat(JsonValues.parseArgument("\"\\u0000AQID\"")).isEqualTo(new byte[]{1, 2, 3});
        assertThat(JsonValues.toJson(Map.of("b", List.of(new byte[]{(byte) 0xff})))).isEqualTo("{\"b\":[\"\\u0000/w==\"]}");
        // a NUL-prefixed string that is not Base64 stays a string
        assertThat(JsonValues.parseArgument("\"\\u0000not base64!\"")).isEqualTo("\u0000not base64!");
    }

    @Test
    void parseRefusesWhatIsNotOneJsonValue() {
        assertThatThrownBy(() -> JsonValues.parse("1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonValues.parse("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callResultsAreShownByShape() {
        assertThat(CallCommand.render(List.of(), Map.of(), false)).isNull();
        assertThat(CallCommand.render(List.of(5), Map.of(), false)).isEqualTo("5");
        assertThat(CallCommand.render(List.of(List.of(1, 2)), Map.of(), false)).isEqualTo("[1,2]");
        assertThat(CallCommand.render(List.of(1, 2), Map.of(), false)).isEqualTo("{\"args\":[1,2],\"kwargs\":{}}");
        assertThat(CallCommand.render(List.of(), Map.of("a", 1), false)).isEqualTo("{\"args\":[],\"kwargs\":{\"a\":1}}");
        assertThat(CallCommand.render(List.of(5), Map.of(), true)).isEqualTo("{\"args\":[5],\"kwargs\":{}}");
    }

    @Test
    void execOutputBecomesTheResult() {
        assertThat(ExecProcedure.result("")).isNull();
        assertThat(ExecProcedure.result("  \n")).isNull();
        assertThat(ExecProcedure.result("5\n")).isEqualTo(5);
        assertThat(ExecProcedure.result("{\"a\":[1]}\n")).isEqualTo(Map.of("a", List.of(1)));
        assertThat(ExecProcedure.result("hello world\n")).isEqualTo("hello world");
        assertThat(ExecProcedure.result("line 1\nline 2\n")).isEqualTo("line 1\nline 2");
    }
}
