package io.lakelab.catalog.policy;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LakeLabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ranger.plugin.model.RangerServiceDef;
import org.apache.ranger.plugin.util.JsonUtilsV2;
import org.apache.ranger.plugin.util.RangerRoles;
import org.apache.ranger.plugin.util.RangerUserStore;
import org.apache.ranger.plugin.util.ServicePolicies;

/**
 * Ranger-shaped JSON, written and read with Ranger's own Jackson 2 mapper (the model's annotations
 * are Jackson 2's), plus Ranger's service-defs as they ship inside {@code ranger-plugins-common}.
 */
public final class PolicyJson {

    private static final Map<String, String> SERVICE_DEF_JSON = new ConcurrentHashMap<>();

    private PolicyJson() {}

    /** Ranger's service-def of this type ({@code hive}, {@code trino}), a fresh copy each call. */
    public static RangerServiceDef serviceDef(String serviceType) {
        String json = SERVICE_DEF_JSON.computeIfAbsent(serviceType, PolicyJson::loadServiceDef);
        return read(json, RangerServiceDef.class);
    }

    private static String loadServiceDef(String serviceType) {
        String path = "service-defs/ranger-servicedef-" + serviceType + ".json";
        try (InputStream in = RangerServiceDef.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new LakeLabException(
                        ErrorCategory.INTERNAL,
                        "Ranger's " + path + " is not on the classpath: add ranger-plugins-common.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "Cannot read Ranger's " + path, e);
        }
    }

    public static String write(Object rangerObject) {
        try {
            return JsonUtilsV2.getMapper().writeValueAsString(rangerObject);
        } catch (Exception e) {
            throw new LakeLabException(ErrorCategory.INTERNAL, "Cannot write Ranger JSON: " + e.getMessage(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return JsonUtilsV2.getMapper().readValue(json, type);
        } catch (Exception e) {
            throw LakeLabException.badRequest(
                    "Not Ranger " + type.getSimpleName() + " JSON: " + firstLine(e.getMessage()) + ".");
        }
    }

    public static ServicePolicies policies(String json) {
        return read(json, ServicePolicies.class);
    }

    public static RangerUserStore userStore(String json) {
        return read(json, RangerUserStore.class);
    }

    public static RangerRoles roles(String json) {
        return read(json, RangerRoles.class);
    }

    /**
     * SHA-256 of the policies' content, with version and update time left out: equal fingerprints
     * mean the engines decide the same, so a server bumps its version only when this changes.
     */
    public static String fingerprint(ServicePolicies policies) {
        Long version = policies.getPolicyVersion();
        Date updated = policies.getPolicyUpdateTime();
        try {
            policies.setPolicyVersion(null);
            policies.setPolicyUpdateTime(null);
            return sha256(write(policies));
        } finally {
            policies.setPolicyVersion(version);
            policies.setPolicyUpdateTime(updated);
        }
    }

    /** SHA-256 of a user store's user -> groups mapping. */
    public static String fingerprint(RangerUserStore store) {
        return sha256(write(UserStores.sorted(store.getUserGroupMapping())));
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
