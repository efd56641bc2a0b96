package org.qualitycity.platform;

import java.util.Optional;

/**
 * SPI for modules that govern some accounts: the enterprise module decides who administers the
 * accounts of enterprises (edit, roles, password reset, unlock). The platform asks every bean; an
 * account that no module governs is administered by user administrators whose data scope covers it.
 */
public interface AccountAdministration {

    /**
     * Empty when this module does not govern the account; otherwise whether {@code by} may administer it.
     */
    Optional<Boolean> mayAdminister(long userId, CurrentUser by);
}
