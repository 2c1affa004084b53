package io.junction.router.config;

import io.junction.core.auth.cryptosign.SigningKey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * WAMP-Cryptosign: the client signs a challenge with its Ed25519 key.
 *
 * @param principals    authid → authorized public keys and role (static)
 * @param authenticator the dynamic authenticator that tells keys and roles, or {@code null}
 * @param routerKey     the router's key, for clients that ask the router to authenticate itself; or {@code null}
 * @param trustroots    certificate authorities whose delegates are admitted without being principals
 */
public record CryptosignAuthConfig(Map<String, Principal> principals, DynamicAuthenticatorConfig authenticator,
                                   SigningKey routerKey, List<Trustroot> trustroots) implements AuthMethodConfig {

    public static final String METHOD = "cryptosign";

    public CryptosignAuthConfig {
        principals = Collections.unmodifiableMap(new LinkedHashMap<>(principals)); // in file order
        trustroots = List.copyOf(trustroots);
    }

    /** A principal of the config: its 32-byte Ed25519 public keys and the role it joins with. */
    public record Principal(List<byte[]> authorizedKeys, String role) {
        public Principal {
            authorizedKeys = authorizedKeys.stream().map(byte[]::clone).toList();
        }
    }

    /**
     * A standalone trustroot: clients presenting a complete EIP-712 certificate chain up to it
     * join with {@code role}, as the delegate's Ethereum address.
     *
     * @param address           the root CA's Ethereum address (issuer and subject of the root certificate)
     * @param chainId           the chain ID every certificate must name
     * @param verifyingContract the verifying contract every certificate must name
     * @param realm             the realm address every authority certificate must name
     * @param blockNumber       certificates must be valid from this block or earlier; {@code null} to not check
     */
    public record Trustroot(String address, long chainId, String verifyingContract, String realm, String role,
                            Long blockNumber) {
        public Trustroot {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(verifyingContract, "verifyingContract");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(role, "role");
        }
    }

    @Override
    public String method() {
        return METHOD;
    }
}
