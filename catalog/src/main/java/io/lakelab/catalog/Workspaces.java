package io.lakelab.catalog;

import java.util.Optional;

/**
 * Where tables live: PUBLIC and SOCIAL source datasets in {@link #SOURCE_NAMESPACE}, and each lab's
 * own (DERIVED) tables in its workspace namespace {@code lab_<code>}.
 */
public final class Workspaces {
    public static final String SOURCE_NAMESPACE = "datasets";
    private static final String PREFIX = "lab_";

    private Workspaces() {}

    public static String of(LabCode lab) {
        return PREFIX + lab.value();
    }

    /** The lab owning a workspace namespace, or empty when the namespace is not a lab workspace. */
    public static Optional<LabCode> labOf(String namespace) {
        if (namespace == null || !namespace.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LabCode(namespace.substring(PREFIX.length())));
        } catch (LakeLabException e) {
            return Optional.empty();
        }
    }
}
