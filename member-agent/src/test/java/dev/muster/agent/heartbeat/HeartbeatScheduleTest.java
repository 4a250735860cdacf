package dev.muster.agent.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatScheduleTest {

    @Test
    void aThousandMembersAreSpreadEvenlyOverTheIntervalInTwentyMillisecondTicks() {
        int ticks = HeartbeatSchedule.ticksPerInterval(1000, Duration.ofSeconds(1));
        Map<Integer, Integer> membersPerSlot = new HashMap<>();
        for (int member = 0; member < 1000; member++) {
            membersPerSlot.merge(HeartbeatSchedule.slotOf(member, 1000, ticks), 1, Integer::sum);
        }

        assertThat(ticks).isEqualTo(50);
        assertThat(membersPerSlot).hasSize(50);
        assertThat(membersPerSlot.values()).containsOnly(20);
    }

    @Test
    void aFewMembersGetATickEach() {
        int ticks = HeartbeatSchedule.ticksPerInterval(3, Duration.ofSeconds(1));

        assertThat(ticks).isEqualTo(3);
        assertThat(HeartbeatSchedule.slotOf(0, 3, ticks)).isZero();
        assertThat(HeartbeatSchedule.slotOf(1, 3, ticks)).isEqualTo(1);
        assertThat(HeartbeatSchedule.slotOf(2, 3, ticks)).isEqualTo(2);
    }

    @Test
    void oneMemberHeartbeatsOncePerInterval() {
        assertThat(HeartbeatSchedule.ticksPerInterval(1, Duration.ofMillis(200)))
                .isEqualTo(1);
    }
}
