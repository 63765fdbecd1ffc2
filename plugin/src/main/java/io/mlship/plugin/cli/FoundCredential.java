package io.mlship.plugin.cli;

import java.util.Arrays;

/**
 * A credential from Jenkins' store, reduced to what the steps read from it. {@code type} is the implementation's
 * simple class name, for messages. {@code toString} never shows a secret: these values end up in exceptions and logs.
 */
public sealed interface FoundCredential {

    String type();

    /** What kind of credential this is, as Manage Jenkins » Credentials names it. */
    String kind();

    /** A "Username with password" credential ({@code StandardUsernamePasswordCredentials}). */
    record UsernamePassword(String type, String username, String password) implements FoundCredential {
        @Override
        public String kind() {
            return "Username with password";
        }

        @Override
        public String toString() {
            return "UsernamePassword[" + type + "]";
        }
    }

    /** A "Secret text" credential ({@code StringCredentials}). */
    record SecretText(String type, String secret) implements FoundCredential {
        @Override
        public String kind() {
            return "Secret text";
        }

        @Override
        public String toString() {
            return "SecretText[" + type + "]";
        }
    }

    /** A "Secret file" credential ({@code FileCredentials}), its content read on the controller. */
    record SecretFile(String type, String fileName, byte[] content) implements FoundCredential {
        public SecretFile {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public String kind() {
            return "Secret file";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SecretFile f && f.type.equals(type) && f.fileName.equals(fileName) && Arrays.equals(f.content, content);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "SecretFile[" + type + ", " + fileName + "]";
        }
    }

    /** Any other type (SSH key, certificate, ...): the steps cannot use it. */
    record Other(String type) implements FoundCredential {
        @Override
        public String kind() {
            return type;
        }
    }
}
