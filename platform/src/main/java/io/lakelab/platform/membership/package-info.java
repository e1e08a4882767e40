/**
 * Lab membership: who belongs to which lab. A lab is a Keycloak group {@code /labs/<code>}; its
 * members carry the group in their tokens ({@code groups} claim), which is all the rest of the
 * platform looks at. With Keycloak provisioning configured ({@code lakelab.keycloak.*}) the
 * platform creates a lab's group when the lab is created and adds or removes members through the
 * provisioner service account; with the embedded issuer membership and users are persisted in the
 * platform database ({@code DemoUserDirectory}, seeded from the demo-user configuration), and
 * administrators create users ({@link UserService}).
 */
package io.lakelab.platform.membership;
