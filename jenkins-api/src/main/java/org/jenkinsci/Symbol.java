// Compile-time mirror of org.jenkins-ci:symbol-annotation:1.25 (the version jenkins-core 2.479.3 depends on; provided by Jenkins at run time).
package org.jenkinsci;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Target({TYPE})
@Retention(RUNTIME)
@Documented
public @interface Symbol {

    String[] value();
}
