package io.junction.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.junction.client.internal.ValueMapper;
import io.junction.core.error.WampErrors;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PojoMappingTest {

    enum Color { RED, GREEN }

    record Item(String name, int count, byte[] blob, Color color, List<String> tags) {
    }

    public static class Bean {
        public String name;
        public long value;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = ValueMapper.defaultMapper();

    @Test
    void wampValuesPassThroughUntouched() {
        List<Object> list = List.of(1L, "a", Map.of("k", List.of(true)));
        assertThat(ValueMapper.toWamp(MAPPER, list)).isSameAs(list);
        byte[] bytes = {1, 2};
        assertThat(ValueMapper.toWamp(MAPPER, bytes)).isSameAs(bytes);
        List<Object> args = List.of(1, "x");
        assertThat(ValueMapper.toWampList(MAPPER, args)).isSameAs(args);
    }

    @Test
    void recordsBecomeDictsWithBinaryKept() {
        Item item = new Item("n", 3, new byte[] {9, 8}, Color.GREEN, List.of("a"));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) ValueMapper.toWamp(MAPPER, item);
        assertThat(m).containsEntry("name", "n").containsEntry("count", 3).containsEntry("color", "GREEN")
                .containsEntry("tags", List.of("a"));
        assertThat(m.get("blob")).isEqualTo(new byte[] {9, 8});
    }

    @Test
    void dictsConvertBackToRecordsAndBeans() {
        Map<String, Object> wire = Map.of("name", "n", "count", 3L, "blob", new byte[] {7}, "color", "RED",
                "tags", List.of("x", "y"), "unknown", 1L);
        Item item = ValueMapper.convert(MAPPER, wire, Item.class);
        assertThat(item.name()).isEqualTo("n");
        assertThat(item.count()).isEqualTo(3);
        assertThat(item.blob()).isEqualTo(new byte[] {7});
        assertThat(item.color()).isEqualTo(Color.RED);
        Bean bean = ValueMapper.convert(MAPPER, Map.of("name", "b", "value", 5L), Bean.class);
        assertThat(bean.name).isEqualTo("b");
        assertThat(bean.value).isEqualTo(5L);
    }

    @Test
    void genericTypesConvert() {
        CallResult r = new CallResult(List.of(List.of(Map.of("name", "b", "value", 1L))), null, null, null);
        List<Bean> beans = r.arg(0, new TypeReference<List<Bean>>() { }.getType());
        assertThat(beans).singleElement().satisfies(b -> assertThat(b.name).isEqualTo("b"));
    }

    @Test
    void numbersWidenAndNarrow() {
        assertThat(ValueMapper.<Integer>convert(MAPPER, 5L, int.class)).isEqualTo(5);
        assertThat(ValueMapper.<Double>convert(MAPPER, 5L, Double.class)).isEqualTo(5.0);
        assertThat(ValueMapper.toWamp(MAPPER, new BigDecimal("1.5"))).isEqualTo(1.5);
        assertThat(ValueMapper.toWamp(MAPPER, 1.5f)).isEqualTo(1.5);
        assertThat(ValueMapper.toWamp(MAPPER, Color.RED)).isEqualTo("RED");
    }

    @Test
    void kwargsConvertToOneObject() {
        CallResult r = new CallResult(null, Map.of("name", "k", "value", 2L), null, null);
        assertThat(r.kwargsAs(Bean.class).value).isEqualTo(2L);
    }

    @Test
    void failedConversionIsInvalidArgument() {
        WampException e = catchThrowableOfType(WampException.class,
                () -> ValueMapper.convert(MAPPER, "x", Item.class));
        assertThat(e.error()).isEqualTo(WampErrors.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("Item");
    }
}
