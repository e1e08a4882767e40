package io.lakelab.catalog.policy;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineOptions;

/**
 * Builds a {@link RangerPluginConfig} with settings in place before its constructor reads them
 * ({@code use.rangerGroups} and others are read once, at construction): Ranger only takes such
 * settings from Hadoop configuration files, so they go through a short-lived one.
 */
final class PluginSettings {

    private PluginSettings() {}

    static RangerPluginConfig config(
            PolicyTarget target, String appId, Map<String, String> settings, RangerPolicyEngineOptions options) {
        Path file = null;
        try {
            file = Files.createTempFile("lakelab-ranger-", ".xml");
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
            settings.forEach((k, v) -> xml.append("  <property><name>")
                    .append(escape(k))
                    .append("</name><value>")
                    .append(escape(v))
                    .append("</value></property>\n"));
            xml.append("</configuration>\n");
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            RangerPluginConfig config = new RangerPluginConfig(
                    target.serviceType(), target.serviceName(), appId, null, null, List.of(file.toFile()), options);
            settings.forEach(config::set);
            return config;
        } catch (IOException e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "Cannot write the Ranger plugin settings: " + e, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A leftover temp file holds no secret.
                }
            }
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
