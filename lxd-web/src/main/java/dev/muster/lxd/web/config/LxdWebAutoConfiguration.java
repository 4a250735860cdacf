package dev.muster.lxd.web.config;

import dev.muster.lxd.web.LxdErrorController;
import dev.muster.lxd.web.LxdErrorHandler;
import dev.muster.lxd.web.LxdRequestFilter;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Makes a Spring MVC service speak LXD: snake_case JSON read strictly by type, the error envelope for every
 * failure, and bounded request bodies.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@Import({LxdErrorHandler.class, LxdErrorController.class})
public class LxdWebAutoConfiguration {

    /**
     * LXD's JSON, as Go decodes it: snake_case keys, a missing field takes its zero value, and a number is never
     * silently taken for a string or the reverse.
     */
    @Bean
    JsonMapperBuilderCustomizer lxdJson() {
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .withCoercionConfig(
                        LogicalType.Textual,
                        strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    FilterRegistrationBean<LxdRequestFilter> lxdRequestFilter(
            @Value("${muster.api.max-body-size:1MB}") DataSize maxBodySize,
            @Value("${muster.api.upload-paths:}") Set<String> uploadPaths) {
        var registration = new FilterRegistrationBean<>(new LxdRequestFilter(maxBodySize.toBytes(), uploadPaths));
        registration.addUrlPatterns("/1.0/*", "/1.0", "/internal/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
