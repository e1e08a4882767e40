package io.lakelab.platform.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The zero-setup identity provider of the embedded default: an in-process OAuth2 authorization
 * server (Spring Authorization Server) that issues Keycloak-shaped tokens ({@code
 * realm_access.roles}, {@code groups}, {@code preferred_username}, audience) to the users of
 * {@link DemoUserDirectory} (persisted; one client-credentials client per user). Off as soon as {@code lakelab.identity.issuer-uri}
 * points at a real Keycloak realm; then only configuration changes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${lakelab.identity.issuer-uri:}' == ''")
class EmbeddedIdentityConfiguration {

    static final String EMBEDDED_ISSUER = "http://lakelab.local/embedded";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerSecurity(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(as -> {});
        RequestMatcher endpoints =
                http.getConfigurer(OAuth2AuthorizationServerConfigurer.class).getEndpointsMatcher();
        http.securityMatcher(endpoints)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(endpoints));
        return http.build();
    }

    @Bean
    DemoUserDirectory demoUserDirectory(
            IdentityProperties identity, JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new DemoUserDirectory(identity, new EmbeddedUserRepository(jdbc, new TransactionTemplate(transactions)));
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(DemoUserDirectory directory) {
        return directory.clientRepository();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        // A fixed issuer: tokens must not depend on which host name or port a client used.
        return AuthorizationServerSettings.builder().issuer(EMBEDDED_ISSUER).build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JDK", e);
        }
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, IdentityProperties identity) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
        decoder.setJwtValidator(
                SecurityConfiguration.validator(EMBEDDED_ISSUER, identity.audience(), identity.clockSkew()));
        return decoder;
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> keycloakShapedClaims(
            DemoUserDirectory directory, IdentityProperties identity) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            // Read at issue time: a membership change reaches the user's next token.
            directory
                    .user(context.getRegisteredClient().getClientId())
                    .ifPresent(user -> context.getClaims()
                            .claim("preferred_username", user.username())
                            .claim("realm_access", Map.of("roles", user.roles()))
                            .claim(
                                    "groups",
                                    user.labs().stream()
                                            .map(lab -> CurrentUser.LAB_GROUP_PREFIX + lab)
                                            .toList())
                            .audience(List.of(identity.audience())));
        };
    }
}
