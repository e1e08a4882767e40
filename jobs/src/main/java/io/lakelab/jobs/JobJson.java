package io.lakelab.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Reads {@link JobSpec} and writes {@link JobResult} as JSON with the Jackson 2 that Spark brings.
 * Result files are written to a temporary name and moved into place, so the platform never reads a
 * half-written {@code result.json}.
 */
public final class JobJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JobJson() {}

    public static JobSpec readSpec(String json) {
        try {
            return MAPPER.readValue(json, JobSpec.class);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof LakeLabException lakeLab) {
                throw lakeLab;
            }
            throw LakeLabException.badRequest("The job spec is invalid: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            // the original message names the field and position but never echoes values such as the password
            throw LakeLabException.badRequest("The job spec is not valid JSON for a JobSpec: " + e.getOriginalMessage()
                    + ". Send a JSON object with runId, labCode, jobName, statements, iceberg and runDir.");
        }
    }

    public static JobSpec readSpec(InputStream in) throws IOException {
        return readSpec(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A text field of a spec that failed validation (runDir, runId), so the failure can be reported. */
    static Optional<String> textField(String json, String field) {
        try {
            JsonNode node = MAPPER.readTree(json).path(field);
            return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public static JobResult readResult(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), JobResult.class);
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL, "Cannot read back a lineage event: " + e.getMessage(), e);
        }
    }

    static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            MAPPER.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LakeLabException(
                    ErrorCategory.INTERNAL,
                    "Cannot write " + file + " (" + e.getMessage() + "): check that the run directory is writable.",
                    e);
        }
    }
}
