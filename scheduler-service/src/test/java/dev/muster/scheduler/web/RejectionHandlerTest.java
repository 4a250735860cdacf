package dev.muster.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muster.lxd.web.LxdResponse;
import dev.muster.scheduler.instances.InstanceRejection;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Each kind of rejection is LXD's status code, with the rejection's message in LXD's error envelope. */
class RejectionHandlerTest {

    private final RejectionHandler handler = new RejectionHandler();

    @Test
    void eachKindIsItsLxdStatus() {
        assertThat(RejectionHandler.statusOf(InstanceRejection.Kind.INVALID)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(RejectionHandler.statusOf(InstanceRejection.Kind.NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(RejectionHandler.statusOf(InstanceRejection.Kind.CONFLICT)).isEqualTo(HttpStatus.CONFLICT);
        assertThat(RejectionHandler.statusOf(InstanceRejection.Kind.FORBIDDEN)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(RejectionHandler.statusOf(InstanceRejection.Kind.UNAVAILABLE))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void theBodyIsLxdsErrorEnvelopeWithTheMessage() {
        ResponseEntity<LxdResponse> response = handler.rejected(InstanceRejection.busy("c1"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody())
                .isEqualTo(LxdResponse.error(409, "Instance \"c1\" is busy with another operation"));
    }
}
