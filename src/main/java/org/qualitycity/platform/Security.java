package org.qualitycity.platform;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** Access to the signed-in user from any module. */
public final class Security {

    private Security() {
    }

    /** The signed-in user; throws if the call is not authenticated (a programming error). */
    public static CurrentUser currentUser() {
        return currentUserIfAny().orElseThrow(() -> new IllegalStateException("no authenticated user"));
    }

    public static Optional<CurrentUser> currentUserIfAny() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUserHolder h) {
            return Optional.of(h.currentUser());
        }
        return Optional.empty();
    }

    /** Implemented by the principal objects of both login paths (form session and bearer token). */
    public interface CurrentUserHolder {
        CurrentUser currentUser();
    }
}
