package io.lakelab.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies with a field the API does not know are refused, not silently dropped: a grant
 * sent with a misspelled {@code rowFliter} or {@code colums} must fail, never become an
 * unrestricted grant. Only the MVC JSON converter is strict; the platform's own reads of JSON it
 * stored stay lenient, so a stored document from an older version still loads.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestBodies implements WebMvcConfigurer {

    private final JsonMapper strict;

    StrictRequestBodies(JsonMapper mapper) {
        this.strict = mapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
    }
}
