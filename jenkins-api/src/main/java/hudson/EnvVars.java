// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {

    @Override
    public String put(String key, String value) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
