package org.qualitycity.enterprise;

import org.qualitycity.platform.CurrentUser;

/**
 * A part of the enterprise detail (samples, credit grade …) contributed by another module, so that the
 * register does not depend on the modules that depend on it.
 */
public interface EnterpriseDetailSection {

    /** The JSON property name of the section, e.g. "samples". */
    String key();

    /** The section for an enterprise the user may see (already checked), or null to leave it out. */
    Object section(EnterpriseRef enterprise, CurrentUser user);
}
