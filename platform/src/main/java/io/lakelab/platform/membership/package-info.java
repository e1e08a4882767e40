/**
 * Lab membership: who belongs to which lab. A lab is a Keycloak group {@code /labs/<code>}; its
 * members carry the group in their tokens ({@code groups} claim), which is all the rest of the
 * platform looks at. With Keycloak provisioning configured ({@code lakelab.keycloak.*}) the
 * platform creates a lab's group when the lab is created and adds or removes members through the
 * provisioner service account; with the embedded issuer membership is the demo-user configuration.
 */
package io.lakelab.platform.membership;
