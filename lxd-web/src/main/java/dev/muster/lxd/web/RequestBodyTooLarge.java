package dev.muster.lxd.web;

import java.io.IOException;

/** A request body went past {@code muster.api.max-body-size}. */
public final class RequestBodyTooLarge extends IOException {
    public RequestBodyTooLarge(long limit) {
        super("Request body too large: the limit is " + limit + " bytes");
    }
}
