// Compile-time mirror of org.kohsuke.stapler:stapler:1903.1905.ve5a_f469356f0 (only the members mlship uses; provided by Jenkins at run time).
package org.kohsuke.stapler;

public interface HttpResponse {
}
