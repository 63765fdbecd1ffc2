package io.mlship.core.scan.analyzer;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.SecretFinding;

/** Where analyzers put what they find in one layer (the layer index is filled in once the manifest is known). */
public interface Findings {

    void pkg(InstalledPackage pkg);

    void secret(SecretFinding secret);

    /** Something the scan could not look at, with why (too large, not an archive, corrupt): reported, never fatal. */
    void skip(String reason);
}
