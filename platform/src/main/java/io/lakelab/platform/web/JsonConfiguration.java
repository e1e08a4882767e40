package io.lakelab.platform.web;

import io.lakelab.catalog.DatasetName;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.TableRef;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/** Name value types travel as plain JSON strings ({@code "lowcarbon"}, not {@code {"value": ...}}). */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JacksonModule lakeLabNamesModule() {
        SimpleModule module = new SimpleModule("lakelab-names");
        add(module, LabCode.class, LabCode::value, LabCode::new);
        add(module, DatasetName.class, DatasetName::value, DatasetName::new);
        add(module, TableRef.class, TableRef::qualified, TableRef::parse);
        return module;
    }

    private static <T> void add(
            SimpleModule module, Class<T> type, Function<T, String> write, Function<String, T> read) {
        module.addSerializer(type, new ValueSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(write.apply(value));
            }
        });
        module.addDeserializer(type, new ValueDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) {
                return read.apply(p.getValueAsString());
            }
        });
    }
}
