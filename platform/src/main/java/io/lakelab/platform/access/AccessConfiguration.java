package io.lakelab.platform.access;

import io.lakelab.platform.identity.CurrentUser;
import io.lakelab.platform.identity.IdentityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Wiring of the access feature: the default {@link LabMembers} (the embedded issuer's demo users)
 * and the security chain of the Ranger download API. That API is not an OAuth2 resource server
 * path: besides administrators' JWTs it accepts opaque per-run policy tokens, which the JWT filter
 * would reject, so {@link PolicyDownloadController} authenticates every call itself (no anonymous
 * access) and this chain only keeps sessions and CSRF out of it.
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    static final String DOWNLOAD_PATHS = "/service/**";

    @Bean
    @ConditionalOnMissingBean(LabMembers.class)
    LabMembers demoLabMembers(IdentityProperties identity) {
        return lab -> identity.demoUsers().stream()
                .filter(u -> u.groups().contains(CurrentUser.LAB_GROUP_PREFIX + lab.value()))
                .map(IdentityProperties.DemoUser::username)
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
