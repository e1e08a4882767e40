package io.lakelab.platform.access;

import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.Role;
import io.lakelab.platform.membership.LabMember;
import io.lakelab.platform.membership.MembershipService;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Wiring of the access feature: the default {@link LabMembers} (over the membership feature)
 * and the security chain of the Ranger download API. That API is not an OAuth2 resource server
 * path: besides administrators' JWTs it accepts opaque per-run policy tokens, which the JWT filter
 * would reject, so {@link PolicyDownloadController} authenticates every call itself (no anonymous
 * access) and this chain only keeps sessions and CSRF out of it.
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    static final String DOWNLOAD_PATHS = "/service/**";

    /** Reads membership as the platform administrator would; it only reads. */
    private static final CurrentUser MEMBERSHIP_READER =
            new CurrentUser("system:policy-user-store", Set.of(Role.PLATFORM_ADMIN), Set.of());

    /** Members as the membership feature knows them: Keycloak groups, or the embedded demo users. */
    @Bean
    @ConditionalOnMissingBean(LabMembers.class)
    LabMembers labMembers(MembershipService membership) {
        return lab -> membership.members(MEMBERSHIP_READER, lab).stream()
                .map(LabMember::username)
                .sorted()
                .toList();
    }

    @Bean
    @Order(5)
    SecurityFilterChain policyDownloadSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(DOWNLOAD_PATHS)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
