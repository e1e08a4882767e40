package io.lakelab.catalog.policy;

import io.lakelab.catalog.LabCode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.ranger.plugin.util.RangerUserStore;

/**
 * Lab membership as Ranger's user store: each member of lab {@code x} is in Ranger group
 * {@code lab_x}. Plugins with {@code use.rangerGroups=true} add these groups to the ones a request
 * carries, so membership changes reach the engines with the user store, not with new tokens.
 */
public final class UserStores {

    private UserStores() {}

    /** The user store of these memberships (lab -> user names); its version is content-derived. */
    public static RangerUserStore of(Map<LabCode, ? extends Collection<String>> members) {
        Map<String, Set<String>> groupsByUser = new TreeMap<>();
        members.forEach((lab, users) -> users.forEach(
                user -> groupsByUser.computeIfAbsent(user, u -> new TreeSet<>()).add(PolicyCompiler.groupOf(lab))));
        RangerUserStore store = new RangerUserStore();
        store.setUserGroupMapping(groupsByUser);
        store.setUserStoreVersion(
                Long.parseUnsignedLong(PolicyJson.fingerprint(store).substring(0, 13), 16));
        return store;
    }

    /** The Ranger groups of a user in a store, empty when the store does not know the user. */
    public static Set<String> groupsOf(RangerUserStore store, String user) {
        Map<String, Set<String>> mapping = store.getUserGroupMapping();
        Set<String> groups = mapping == null ? null : mapping.get(user);
        return groups == null ? Set.of() : new HashSet<>(groups);
    }

    static Map<String, Set<String>> sorted(Map<String, Set<String>> mapping) {
        Map<String, Set<String>> out = new TreeMap<>();
        if (mapping != null) {
            mapping.forEach((u, g) -> out.put(u, new TreeSet<>(g == null ? Set.of() : g)));
        }
        return out;
    }
}
