package io.lakelab.platform.membership;

import io.lakelab.catalog.LabCode;
import io.lakelab.platform.identity.CurrentUser;
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
class MembershipController {

    private final MembershipService memberships;

    MembershipController(MembershipService memberships) {
        this.memberships = memberships;
    }

    @GetMapping
    List<LabMember> list(CurrentUser user, @PathVariable String code) {
        return memberships.members(user, new LabCode(code));
    }

    @PostMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void add(CurrentUser user, @PathVariable String code, @PathVariable String username) {
        memberships.add(user, new LabCode(code), username);
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(CurrentUser user, @PathVariable String code, @PathVariable String username) {
        memberships.remove(user, new LabCode(code), username);
    }
}
