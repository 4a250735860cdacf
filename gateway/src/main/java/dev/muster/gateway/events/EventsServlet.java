package dev.muster.gateway.events;

import dev.muster.lxd.web.LxdResponse;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /1.0/events}: LXD's event stream, a websocket (RFC 6455) of JSON text messages. Served by the gateway
 * itself on its own connection, outside Spring MVC, since the connection stops being HTTP once upgraded.
 */
final class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient EventHub hub;
    private final int buffer;
    private final transient JsonMapper json = JsonMapper.builder().build();

    EventsServlet(EventHub hub, int buffer) {
        this.hub = hub;
        this.buffer = buffer;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String key = request.getHeader("Sec-WebSocket-Key");
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade")) || key == null) {
            error(response, 400, "Missing websocket upgrade: /1.0/events is a websocket");
            return;
        }
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            response.setHeader("Sec-WebSocket-Version", "13");
            error(response, 426, "Unsupported websocket version: 13 is required");
            return;
        }
        EventSelection selection;
        try {
            selection = EventSelection.parse(
                    request.getParameter("type"),
                    request.getParameter("project"),
                    request.getParameter("all-projects"));
        } catch (IllegalArgumentException e) {
            error(response, 400, e.getMessage());
            return;
        }
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", WebSocketFrames.accept(key));
        request.upgrade(EventConnection.class).attach(hub, selection, buffer);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!"GET".equals(request.getMethod())) {
            error(response, 405, "Method not allowed");
            return;
        }
        doGet(request, response);
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(LxdResponse.error(status, message)));
    }
}
