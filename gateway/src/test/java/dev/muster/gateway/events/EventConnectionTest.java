package dev.muster.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EventConnectionTest {

    @Test
    void aClientThatFallsBehindItsBufferIsDisconnectedAndHearsNothingMore() {
        EventHub hub = new EventHub();
        EventConnection slow = new EventConnection();
        slow.attach(hub, new EventSelection(Set.of("operation"), null), 2);
        hub.add(slow);

        hub.publish("operation", "default", "m1", "first");
        hub.publish("operation", "default", "m1", "second");
        assertThat(hub.hasListeners()).isTrue();
        hub.publish("operation", "default", "m1", "third");

        assertThat(hub.hasListeners()).isFalse();
        assertThat(slow.wants("operation", "default")).isFalse();
    }

    @Test
    void aSelectionHoldsItsTypesAndProjectAndLetsProjectlessEventsThrough() {
        EventSelection operationsOfDefault = EventSelection.parse("operation", null, null);
        assertThat(operationsOfDefault.wants("operation", "default")).isTrue();
        assertThat(operationsOfDefault.wants("operation", "other")).isFalse();
        assertThat(operationsOfDefault.wants("lifecycle", "default")).isFalse();

        EventSelection everything = EventSelection.parse(null, "default", "true");
        assertThat(everything.wants("operation", "other")).isTrue();
        assertThat(everything.wants("logging", "")).isTrue();
        assertThat(EventSelection.parse("lifecycle", "other", null).wants("lifecycle", ""))
                .isTrue();
    }
}
