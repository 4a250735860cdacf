package dev.muster.lxd.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside controllers (filters, the servlet container) also answer in LXD's envelope. */
@RestController
public class LxdErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<LxdResponse> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String message = switch (status) {
            case INTERNAL_SERVER_ERROR -> "Internal server error";
            case NOT_FOUND -> LxdException.NOT_FOUND;
            default -> status.getReasonPhrase();
        };
        return LxdErrorHandler.answer(status, message);
    }
}
