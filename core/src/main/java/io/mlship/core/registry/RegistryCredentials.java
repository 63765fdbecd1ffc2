package io.mlship.core.registry;

/**
 * A user name and password (or token) for a registry. {@link #toString()} never shows the password,
 * so the object can be logged, put in an exception or a report without leaking it.
 */
public record RegistryCredentials(String username, String password) {

    /** What log capture must mask: the password and {@code user:password} (whose Base64 is the registry auth). */
    public java.util.List<String> secrets() {
        return java.util.List.of(password, username + ":" + password);
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=****]";
    }
}
