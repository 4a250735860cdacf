package dev.muster.membership.web;

import dev.muster.lxd.web.LxdResponse;
import dev.muster.membership.cluster.ClusterRejection;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The cluster's refusals in LXD's envelope, with LXD's status codes. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RejectionHandler {

    @ExceptionHandler(ClusterRejection.class)
    ResponseEntity<LxdResponse> rejected(ClusterRejection rejection) {
        HttpStatus status = switch (rejection.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        return ResponseEntity.status(status).body(LxdResponse.error(status.value(), rejection.getMessage()));
    }
}
