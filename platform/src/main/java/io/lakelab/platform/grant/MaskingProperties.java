package io.lakelab.platform.grant;

import io.lakelab.catalog.policy.MaskType;
import io.lakelab.catalog.policy.TagMasks;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What column tags mean for grants ({@link TagMasks}): {@code sensitive-tags} (default {@code PII})
 * are never granted in clear without {@code acknowledgeUnmasked}; {@code default-masks} maps a tag
 * to the masks tried in order when a grant gives a tagged column none (default {@code PII: HASH},
 * which fits string columns). An empty list ({@code lakelab.masking.default-masks.PII=}) turns a
 * tag's default off.
 */
@ConfigurationProperties("lakelab.masking")
public record MaskingProperties(Set<String> sensitiveTags, Map<String, List<MaskType>> defaultMasks) {

    public MaskingProperties {
        sensitiveTags = sensitiveTags == null ? Set.of("PII") : Set.copyOf(sensitiveTags);
        defaultMasks = defaultMasks == null ? Map.of("PII", List.of(MaskType.HASH)) : Map.copyOf(defaultMasks);
    }

    public TagMasks tagMasks() {
        return new TagMasks(sensitiveTags, defaultMasks);
    }
}
