package io.lakelab.platform.membership;

import io.lakelab.catalog.ErrorCategory;
import io.lakelab.catalog.LabCode;
import io.lakelab.catalog.LakeLabException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Lab groups in Keycloak, through the admin REST API as the provisioner service account (client
 * credentials; the admin client refreshes its own token). A lab is the subgroup {@code <code>} of
 * the top-level group {@code labs}, so tokens carry {@code /labs/<code>} in their {@code groups}.
 */
final class KeycloakLabGroups implements LabGroups, AutoCloseable {

    static final String PARENT_GROUP = "labs";

    private final KeycloakProperties properties;
    private final Keycloak keycloak;

    KeycloakLabGroups(KeycloakProperties properties) {
        if (properties.clientSecret() == null || properties.clientSecret().isBlank()) {
            throw new IllegalStateException(
                    "lakelab.keycloak.client-secret is required when lakelab.keycloak.server-url"
                            + " is set: the secret of the " + properties.clientId() + " client in realm "
                            + properties.realm());
        }
        this.properties = properties;
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(properties.serverUrl())
                .realm(properties.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .build();
    }

    @Override
    public void createGroup(LabCode lab) {
        call("create the group of lab " + lab.value(), () -> {
            if (findGroup(PARENT_GROUP + "/" + lab.value()).isPresent()) {
                return null;
            }
            GroupRepresentation parent = findGroup(PARENT_GROUP).orElseGet(this::createParent);
            GroupRepresentation group = new GroupRepresentation();
            group.setName(lab.value());
            try (Response response = realm().groups().group(parent.getId()).subGroup(group)) {
                // 409: created concurrently by someone else, which is what we wanted.
                if (response.getStatus() != 201 && response.getStatus() != 409) {
                    throw new WebApplicationException(response.getStatus());
                }
            }
            return null;
        });
    }

    @Override
    public void addMember(LabCode lab, Username user) {
        call("add " + user.value() + " to lab " + lab.value(), () -> {
            realm().users()
                    .get(requireUser(user).getId())
                    .joinGroup(requireGroup(lab).getId());
            return null;
        });
    }

    @Override
    public void removeMember(LabCode lab, Username user) {
        call("remove " + user.value() + " from lab " + lab.value(), () -> {
            GroupRepresentation group = requireGroup(lab);
            UserRepresentation found = requireUser(user);
            boolean member = realm().users().get(found.getId()).groups().stream()
                    .anyMatch(g -> group.getId().equals(g.getId()));
            if (!member) {
                throw new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        user.value() + " is not a member of lab " + lab.value() + ": GET /api/v1/labs/" + lab.value()
                                + "/members lists its members.");
            }
            realm().users().get(found.getId()).leaveGroup(group.getId());
            return null;
        });
    }

    @Override
    public List<LabMember> members(LabCode lab) {
        return call(
                "list the members of lab " + lab.value(),
                () -> realm().groups().group(requireGroup(lab).getId()).members(0, 1000, true).stream()
                        .map(u -> new LabMember(u.getUsername()))
                        .sorted(Comparator.comparing(LabMember::username))
                        .toList());
    }

    @Override
    public void close() {
        keycloak.close();
    }

    private RealmResource realm() {
        return keycloak.realm(properties.realm());
    }

    private Optional<GroupRepresentation> findGroup(String path) {
        try {
            return Optional.of(realm().getGroupByPath(path));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private GroupRepresentation createParent() {
        GroupRepresentation parent = new GroupRepresentation();
        parent.setName(PARENT_GROUP);
        try (Response response = realm().groups().add(parent)) {
            if (response.getStatus() == 201) {
                parent.setId(CreatedResponseUtil.getCreatedId(response));
                return parent;
            }
        }
        return findGroup(PARENT_GROUP).orElseThrow();
    }

    private GroupRepresentation requireGroup(LabCode lab) {
        return findGroup(PARENT_GROUP + "/" + lab.value())
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.CONFLICT,
                        "Lab " + lab.value() + " has no Keycloak group /" + PARENT_GROUP + "/" + lab.value()
                                + " in realm "
                                + properties.realm() + ": it was created before Keycloak provisioning was configured."
                                + " Create the group in Keycloak, then retry."));
    }

    private UserRepresentation requireUser(Username user) {
        return realm().users().searchByUsername(user.value(), true).stream()
                .filter(u -> user.value().equals(u.getUsername()))
                .findFirst()
                .orElseThrow(() -> new LakeLabException(
                        ErrorCategory.NOT_FOUND,
                        "No user '" + user.value() + "' in Keycloak realm " + properties.realm()
                                + ": users are created in Keycloak (or its user federation) first."));
    }

    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (LakeLabException e) {
            throw e;
        } catch (WebApplicationException e) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL,
                    "Keycloak refused to " + what + " (HTTP " + e.getResponse().getStatus() + "). Check that client "
                            + properties.clientId() + " has a service account with realm-management manage-users,"
                            + " view-users, query-groups and view-realm.",
                    e);
        } catch (ProcessingException e) {
            throw new LakeLabException(
                    ErrorCategory.EXTERNAL,
                    "Could not reach Keycloak at " + properties.serverUrl() + " to " + what + ": " + rootMessage(e)
                            + ". Check lakelab.keycloak.server-url and client credentials.",
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }
}
