package io.lakelab.platform.membership;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for lab members. */
@RestController
@RequestMapping("/api/v1/labs/{code}/members")
@Tag(name = "members", description = "Lab membership, kept by the identity provider (embedded issuer or Keycloak)")
class MembershipController {

    private final MembershipService memberships;

    MembershipController(MembershipService memberships) {
        this.memberships = memberships;
    }

    @GetMapping
    @Operation(
            summary = "List a lab's members",
            description = "Members of the lab, administrators and reviewers; the user names the identity"
                    + " provider has in the lab's group.")
    List<LabMember> list(CurrentUser user, @PathVariable String code) {
        return memberships.members(user, new LabCode(code));
    }

    @PostMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Add a member to a lab",
            description = "Platform administrators. 204; an unknown user is 404. Trino sees the membership"
                    + " within one Ranger user-store poll. Audited as lab.member.add.")
    void add(CurrentUser user, @PathVariable String code, @PathVariable String username) {
        memberships.add(user, new LabCode(code), username);
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Remove a member from a lab",
            description =
                    "Platform administrators. 204; removing a non-member is 404. Audited as" + " lab.member.remove.")
    void remove(CurrentUser user, @PathVariable String code, @PathVariable String username) {
        memberships.remove(user, new LabCode(code), username);
    }
}
