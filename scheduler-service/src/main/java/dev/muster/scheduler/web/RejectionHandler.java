package dev.muster.scheduler.web;

import dev.muster.lxd.web.LxdResponse;
import dev.muster.scheduler.instances.InstanceRejection;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The scheduler's refusals in LXD's envelope, with LXD's status codes: the one place a rejection meets HTTP. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RejectionHandler {

    @ExceptionHandler(InstanceRejection.class)
    ResponseEntity<LxdResponse> rejected(InstanceRejection rejection) {
        HttpStatus status = statusOf(rejection.kind());
        return ResponseEntity.status(status).body(LxdResponse.error(status.value(), rejection.getMessage()));
    }

    static HttpStatus statusOf(InstanceRejection.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
