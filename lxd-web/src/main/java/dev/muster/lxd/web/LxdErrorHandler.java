package dev.muster.lxd.web;

import dev.muster.events.EventTooLarge;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Maps everything a request can go wrong with onto LXD's error envelope. Client mistakes get 4xx with a
 * message naming what was wrong; only a bug in Muster gets a 500, and never with a stack trace.
 */
@RestControllerAdvice
public class LxdErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(LxdErrorHandler.class);

    @ExceptionHandler(LxdException.class)
    ResponseEntity<LxdResponse> lxd(LxdException e) {
        return answer(e.status(), e.getMessage());
    }

    @ExceptionHandler(EventTooLarge.class)
    ResponseEntity<LxdResponse> eventTooLarge(EventTooLarge e) {
        return answer(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<LxdResponse> unreadableBody(HttpMessageNotReadableException e) {
        return answer(HttpStatus.BAD_REQUEST, describeUnreadable(e));
    }

    @ExceptionHandler(RequestBodyTooLarge.class)
    ResponseEntity<LxdResponse> tooLarge(RequestBodyTooLarge e) {
        return answer(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class})
    ResponseEntity<LxdResponse> badParameter(MethodArgumentTypeMismatchException e) {
        return answer(HttpStatus.BAD_REQUEST, "Invalid value for " + e.getName() + ": \"" + e.getValue() + "\"");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<LxdResponse> missingParameter(MissingServletRequestParameterException e) {
        return answer(HttpStatus.BAD_REQUEST, "Missing query parameter \"" + e.getParameterName() + "\"");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<LxdResponse> missingHeader(MissingRequestHeaderException e) {
        return answer(HttpStatus.BAD_REQUEST, "Missing header \"" + e.getHeaderName() + "\"");
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<LxdResponse> mediaType(HttpMediaTypeException e) {
        return answer(HttpStatus.BAD_REQUEST, "Unsupported media type: send JSON");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<LxdResponse> method(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "Method \"" + e.getMethod() + "\" not allowed on this endpoint");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<LxdResponse> noSuchPath() {
        return answer(HttpStatus.NOT_FOUND, LxdException.NOT_FOUND);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<LxdResponse> bug(Exception e, HttpServletRequest request) {
        log.error("Internal error answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");
    }

    static ResponseEntity<LxdResponse> answer(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(LxdResponse.error(status.value(), message));
    }

    private static String describeUnreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RequestBodyTooLarge tooLarge) {
            return tooLarge.getMessage();
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            String expected = mismatch.getTargetType() == null ? "another type" : typeName(mismatch.getTargetType());
            return "Invalid value for field \"" + field + "\": expected " + expected;
        }
        if (cause instanceof StreamReadException parse) {
            var location = parse.getLocation();
            String where =
                    location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return "Malformed JSON in request body" + where + ": " + firstLine(parse.getOriginalMessage());
        }
        if (cause instanceof JacksonException jackson) {
            return "Invalid request body: " + firstLine(jackson.getOriginalMessage());
        }
        return "Invalid request body: a JSON object is required";
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "a string";
        } else if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
