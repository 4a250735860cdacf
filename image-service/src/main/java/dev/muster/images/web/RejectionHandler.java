package dev.muster.images.web;

import dev.muster.images.catalog.ImageRejection;
import dev.muster.lxd.web.LxdResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The image service's refusals in LXD's envelope, with LXD's status codes. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RejectionHandler {

    @ExceptionHandler(ImageRejection.class)
    ResponseEntity<LxdResponse> rejected(ImageRejection rejection) {
        HttpStatus status = switch (rejection.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
        };
        return ResponseEntity.status(status).body(LxdResponse.error(status.value(), rejection.getMessage()));
    }
}
