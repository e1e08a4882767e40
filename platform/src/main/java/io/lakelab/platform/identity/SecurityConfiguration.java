package io.lakelab.platform.identity;

import io.lakelab.platform.web.ProblemResponses;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API is an OAuth2 resource server: every request under {@code /api} needs a valid bearer
 * token (signature, expiry, issuer, audience). Roles come from {@code realm_access.roles}, the
 * principal is {@code preferred_username}. Only health and the OpenAPI description are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(10)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems) throws Exception {
        http.securityMatcher(
                        "/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/actuator/health/**",
                                "/actuator/health",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/error")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(new KeycloakJwtConverter()))
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .exceptionHandling(e ->
                        e.authenticationEntryPoint(problems::unauthorized).accessDeniedHandler(problems::forbidden));
        return http.build();
    }

    /**
     * Validates tokens from an external issuer (Keycloak) when one is configured. The issuer's
     * metadata and keys are fetched on first use, not at startup: the platform starts while
     * Keycloak is still starting, and token checks fail until Keycloak answers.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${lakelab.identity.issuer-uri:}' != ''")
    JwtDecoder externalJwtDecoder(IdentityProperties identity) {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withIssuerLocation(identity.issuerUri()).build();
        decoder.setJwtValidator(validator(identity.issuerUri(), identity.audience(), identity.clockSkew()));
        return decoder;
    }

    /**
     * Expiry and not-before (with the configured clock skew), issuer and audience. The signature is
     * checked before by the decoder against the issuer's JWKS, which Nimbus refetches when a token
     * names a key id it has not seen, so Keycloak key rotation needs no restart.
     */
    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration clockSkew) {
        OAuth2TokenValidator<Jwt> audienceValidator = jwt -> {
            List<String> aud = jwt.getAudience();
            return aud != null && aud.contains(audience)
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                            "invalid_token", "The token is not meant for " + audience + " (aud " + aud + ")", null));
        };
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(clockSkew), new JwtIssuerValidator(issuer), audienceValidator);
    }

    /** Maps Keycloak's claims to Spring authorities: {@code ROLE_<realm role>}, name = preferred_username. */
    static final class KeycloakJwtConverter implements Converter<Jwt, AbstractAuthenticationToken> {
        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            CurrentUser user = CurrentUser.fromJwt(jwt);
            Collection<GrantedAuthority> authorities = user.roles().stream()
                    .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.claimValue()))
                    .toList();
            return new JwtAuthenticationToken(jwt, authorities, user.username());
        }
    }
}
