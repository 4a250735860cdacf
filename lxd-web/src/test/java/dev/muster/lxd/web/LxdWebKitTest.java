package dev.muster.lxd.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.muster.lxd.web.config.LxdWebAutoConfiguration;
import jakarta.servlet.RequestDispatcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(controllers = LxdWebKitTest.WidgetsController.class, properties = "muster.api.max-body-size=2KB")
@ImportAutoConfiguration(LxdWebAutoConfiguration.class)
@org.springframework.context.annotation.Import(LxdWebKitTest.WidgetsController.class)
class LxdWebKitTest {

    record WidgetPut(String description, int size, Map<String, String> config) {}

    record Widget(String name, String description, int size, Map<String, String> config) {
        WidgetPut writable() {
            return new WidgetPut(description, size, config);
        }
    }

    @RestController
    static class WidgetsController {
        static final Widget W1 = new Widget("w1", "first", 3, Map.of("user.a", "b"));

        @GetMapping("/1.0/widgets")
        LxdResponse list(@RequestParam(required = false) String recursion) {
            return LxdResponses.list(LxdResponses.recursion(recursion), List.of(W1), w -> "/1.0/widgets/" + w.name());
        }

        @GetMapping("/1.0/widgets/w1")
        ResponseEntity<LxdResponse> get() {
            return LxdResponses.withEtag(W1, W1.writable());
        }

        @PutMapping("/1.0/widgets/w1")
        LxdResponse put(
                @RequestBody WidgetPut body, @RequestHeader(value = "If-Match", required = false) String ifMatch) {
            Etags.check(ifMatch, W1.writable());
            return LxdResponse.empty();
        }

        @GetMapping("/1.0/widgets/missing")
        LxdResponse missing() {
            throw LxdException.notFound("Widget not found");
        }

        @GetMapping("/1.0/widgets/broken")
        LxdResponse broken() {
            throw new IllegalStateException("a bug with a secret stack trace");
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void recursionZeroListsUrlsAndRecursionOneListsObjects() throws Exception {
        mvc.perform(get("/1.0/widgets"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("sync"))
                .andExpect(jsonPath("$.status").value("Success"))
                .andExpect(jsonPath("$.status_code").value(200))
                .andExpect(jsonPath("$.error_code").value(0))
                .andExpect(jsonPath("$.operation").value(""))
                .andExpect(jsonPath("$.metadata[0]").value("/1.0/widgets/w1"));
        mvc.perform(get("/1.0/widgets?recursion=1"))
                .andExpect(jsonPath("$.metadata[0].name").value("w1"))
                .andExpect(jsonPath("$.metadata[0].config['user.a']").value("b"));
    }

    @Test
    void anObjectCarriesTheSha256OfItsWritablePartAsEtag() throws Exception {
        mvc.perform(get("/1.0/widgets/w1"))
                .andExpect(header().string("ETag", "\"" + Etags.of(WidgetsController.W1.writable()) + "\""))
                .andExpect(header().string("ETag", org.hamcrest.Matchers.matchesPattern("\"[0-9a-f]{64}\"")));
    }

    @Test
    void aPutWithTheCurrentEtagPassesAndWithAStaleOneIs412() throws Exception {
        String body = "{\"description\":\"x\",\"size\":1,\"config\":{}}";
        String etag = Etags.of(WidgetsController.W1.writable());
        mvc.perform(put("/1.0/widgets/w1").content(body).header("If-Match", "\"" + etag + "\""))
                .andExpect(status().isOk());
        mvc.perform(put("/1.0/widgets/w1").content(body)).andExpect(status().isOk());
        expectError(mvc.perform(put("/1.0/widgets/w1").content(body).header("If-Match", "\"0123\"")), 412)
                .andExpect(jsonPath("$.error").value(containsString("ETag doesn't match")));
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() throws Exception {
        expectError(
                        mvc.perform(put("/1.0/widgets/w1")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"size\": 1,")),
                        400)
                .andExpect(jsonPath("$.error").value(containsString("Malformed JSON")));
    }

    @Test
    void aWrongTypeIs400NamingTheField() throws Exception {
        expectError(mvc.perform(put("/1.0/widgets/w1").content("{\"size\": \"three\"}")), 400)
                .andExpect(jsonPath("$.error").value("Invalid value for field \"size\": expected a number"));
        expectError(mvc.perform(put("/1.0/widgets/w1").content("{\"description\": 7}")), 400)
                .andExpect(jsonPath("$.error").value("Invalid value for field \"description\": expected a string"));
    }

    @Test
    void unknownFieldsAreIgnoredAsLxdDoes() throws Exception {
        mvc.perform(put("/1.0/widgets/w1").content("{\"description\":\"x\",\"colour\":\"red\"}"))
                .andExpect(status().isOk());
    }

    @Test
    void aBodySentAsAFormIsStillReadAsJson() throws Exception {
        mvc.perform(put("/1.0/widgets/w1")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("{\"description\":\"x\"}"))
                .andExpect(status().isOk());
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        String big = "{\"description\":\"" + "x".repeat(4096) + "\"}";
        expectError(mvc.perform(put("/1.0/widgets/w1").content(big)), 413);
    }

    @Test
    void anEmptyBodyIs400() throws Exception {
        expectError(mvc.perform(put("/1.0/widgets/w1")), 400);
    }

    @Test
    void notFoundCarriesLxdsMessage() throws Exception {
        expectError(mvc.perform(get("/1.0/widgets/missing")), 404)
                .andExpect(jsonPath("$.error").value("Widget not found"));
    }

    @Test
    void anUnknownPathIs404WithLxdsLowerCaseNotFound() throws Exception {
        expectError(mvc.perform(get("/1.0/gadgets")), 404)
                .andExpect(jsonPath("$.error").value("not found"));
        expectError(mvc.perform(get("/1.0/widgets/w1/nothing-here")), 404)
                .andExpect(jsonPath("$.error").value("not found"));
    }

    @Test
    void aNotFoundRaisedOutsideControllersAlsoSaysNotFoundAsLxdDoes() throws Exception {
        expectError(mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)), 404)
                .andExpect(jsonPath("$.error").value("not found"));
        expectError(mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)), 500)
                .andExpect(jsonPath("$.error").value("Internal server error"));
    }

    @Test
    void aWrongMethodIsAnErrorInTheEnvelope() throws Exception {
        expectError(mvc.perform(post("/1.0/widgets/w1").content("{}")), 405);
    }

    @Test
    void aBugIs500WithoutAStackTrace() throws Exception {
        expectError(mvc.perform(get("/1.0/widgets/broken")), 500)
                .andExpect(jsonPath("$.error").value("Internal server error"))
                .andExpect(jsonPath("$.error").value(not(containsString("secret"))));
    }

    private static ResultActions expectError(ResultActions result, int code) throws Exception {
        return result.andExpect(status().is(code))
                .andExpect(jsonPath("$.type").value("error"))
                .andExpect(jsonPath("$.status").value(""))
                .andExpect(jsonPath("$.status_code").value(0))
                .andExpect(jsonPath("$.operation").value(""))
                .andExpect(jsonPath("$.error_code").value(code))
                .andExpect(jsonPath("$.metadata").value(org.hamcrest.Matchers.nullValue()));
    }
}
