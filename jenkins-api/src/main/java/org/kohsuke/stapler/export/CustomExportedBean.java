// Compile-time mirror of org.kohsuke.stapler:stapler:1903.1905.ve5a_f469356f0 (only the members mlship uses; provided by Jenkins at run time).
// Declared only because hudson.model.Result implements it; mlship calls none of its members.
package org.kohsuke.stapler.export;

public interface CustomExportedBean {
}
