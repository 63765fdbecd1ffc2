// Compile-time mirror of org.kohsuke.stapler:stapler:1903.1905.ve5a_f469356f0 (only the members mlship uses; provided by Jenkins at run time).
package org.kohsuke.stapler.verb;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Target(METHOD)
@Retention(RUNTIME)
@Documented
public @interface GET {
}
