package dev.muster.eventing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muster.events.EventTooLarge;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventSizeLimitTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final EventSizeLimit limit = new EventSizeLimit(1024);

    @Test
    void anEventOverTheLimitIsRefusedNamingTheFieldThatMakesItLarge() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("scheduler.instance", "all");
        config.put("user.blob", "x".repeat(4000));
        JsonNode data = json.valueToTree(Map.of("name", "m1", "config", config));
        byte[] encoded = data.toString().getBytes();

        assertThatThrownBy(() -> limit.check("muster.membership.member-updated", encoded, () -> data))
                .isInstanceOf(EventTooLarge.class)
                .hasMessageStartingWith("Value of \"config[\"user.blob\"]\" is too large")
                .hasMessageContaining("over the limit of 1 KiB");
    }

    @Test
    void anEventWithinTheLimitIsNotEvenReadAgain() {
        byte[] encoded = "{\"name\":\"m1\"}".getBytes();

        limit.check("muster.membership.member-updated", encoded, () -> {
            throw new AssertionError("the data of a small event is not walked");
        });

        assertThat(limit.maxBytes()).isEqualTo(1024);
    }
}
