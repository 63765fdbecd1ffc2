// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import net.java.sezpoz.Indexable;

// @Indexable makes the SezPoz annotation processor write META-INF/annotations/hudson.Extension,
// the index Jenkins reads to discover extensions.
@Indexable
@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD})
@Documented
public @interface Extension {
}
