package io.lakelab.catalog.policy;

import io.lakelab.catalog.LakeLabException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What column tags mean for a grant. A column with a {@code sensitive} tag (PII by default) is never
 * granted in clear by accident: it gets a mask, or the grant acknowledges it unmasked. A column with
 * a tag that has {@code defaults} gets the first listed mask that fits its type ({@link
 * MaskType#appliesTo}) when the grant gives it none. Tags are compared in upper case; a column with
 * several such tags takes the default of the first tag in alphabetical order that has a fitting one.
 * Defaults are resolved when granting and recorded with the grant, so they compile into the same
 * Ranger mask policies as explicit masks (see {@code docs/decisions/0011-tag-driven-masks.md}).
 */
public record TagMasks(Set<String> sensitive, Map<String, List<MaskType>> defaults) {

    public TagMasks {
        sensitive = sensitive == null
                ? Set.of()
                : sensitive.stream().map(TagMasks::normal).collect(Collectors.toUnmodifiableSet());
        Map<String, List<MaskType>> normalised = new TreeMap<>();
        if (defaults != null) {
            defaults.forEach((tag, masks) -> {
                if (masks != null && masks.stream().anyMatch(java.util.Objects::isNull)) {
                    throw LakeLabException.badRequest("Default masks of tag " + tag + " contain an empty entry: list"
                            + " mask types from " + List.of(MaskType.values()) + ".");
                }
                normalised.put(normal(tag), masks == null ? List.of() : List.copyOf(masks));
            });
        }
        defaults = Map.copyOf(normalised);
    }

    /** No tag means anything: every column can be granted in clear. */
    public static TagMasks none() {
        return new TagMasks(Set.of(), Map.of());
    }

    /** The sensitive tags among a column's tags, in upper case and order. */
    public Set<String> sensitiveTagsOf(Collection<String> tags) {
        return tags.stream()
                .map(TagMasks::normal)
                .filter(sensitive::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The default mask of a column with these tags and this Iceberg type, and the tag it comes from. */
    public Optional<Default> defaultFor(String icebergType, Collection<String> tags) {
        for (String tag : new TreeSet<>(tags.stream().map(TagMasks::normal).toList())) {
            for (MaskType mask : defaults.getOrDefault(tag, List.of())) {
                if (mask.appliesTo(icebergType)) {
                    return Optional.of(new Default(tag, mask));
                }
            }
        }
        return Optional.empty();
    }

    /** A default mask and the tag that brought it. */
    public record Default(String tag, MaskType mask) {}

    /** A granted column as this class needs it. */
    public record Column(String name, String type, Set<String> tags) {
        public Column {
            tags = tags == null ? Set.of() : Set.copyOf(tags);
        }
    }

    /**
     * What a grant of {@code granted} ends with: the explicit masks, plus tag defaults for columns that
     * have none and are not acknowledged unmasked; and the sensitive columns left in clear without an
     * acknowledgement (the caller refuses the grant when there are any).
     */
    public Resolution resolve(
            Collection<Column> granted, Map<String, MaskType> explicit, Collection<String> acknowledgedUnmasked) {
        Map<String, MaskType> masks = new TreeMap<>(explicit);
        Map<String, Default> applied = new TreeMap<>();
        List<Column> unacknowledged = new java.util.ArrayList<>();
        for (Column c : granted) {
            if (explicit.containsKey(c.name()) || acknowledgedUnmasked.contains(c.name())) {
                continue;
            }
            Optional<Default> d = defaultFor(c.type(), c.tags());
            if (d.isPresent()) {
                masks.put(c.name(), d.get().mask());
                applied.put(c.name(), d.get());
            } else if (!sensitiveTagsOf(c.tags()).isEmpty()) {
                unacknowledged.add(c);
            }
        }
        return new Resolution(masks, applied, unacknowledged);
    }

    /** The outcome of {@link #resolve}. */
    public record Resolution(Map<String, MaskType> masks, Map<String, Default> defaults, List<Column> unacknowledged) {
        public Resolution {
            masks = Map.copyOf(masks);
            defaults = Map.copyOf(defaults);
            unacknowledged = List.copyOf(unacknowledged);
        }

        /** The masks that came from tags, by column. */
        public Map<String, MaskType> defaultMasks() {
            Map<String, MaskType> out = new LinkedHashMap<>();
            new TreeMap<>(defaults).forEach((column, d) -> out.put(column, d.mask()));
            return out;
        }
    }

    private static String normal(String tag) {
        if (tag == null || tag.isBlank()) {
            throw LakeLabException.badRequest("A tag in the masking settings is empty: name tags such as PII.");
        }
        return tag.strip().toUpperCase(Locale.ROOT);
    }
}
