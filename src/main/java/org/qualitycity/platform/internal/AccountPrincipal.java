package org.qualitycity.platform.internal;

import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.Security;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Stream;

/** The principal of both login paths: Spring's UserDetails around the platform's CurrentUser. */
final class AccountPrincipal implements UserDetails, CredentialsContainer, Security.CurrentUserHolder, Serializable {

    private final CurrentUser user;
    private String passwordHash;
    private final boolean active;
    private final Instant lockedUntil;
    private final Instant now;

    AccountPrincipal(CurrentUser user, String passwordHash, boolean active, Instant lockedUntil, Instant now) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.active = active;
        this.lockedUntil = lockedUntil;
        this.now = now;
    }

    @Override
    public CurrentUser currentUser() {
        return user;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return Stream.concat(user.permissions().stream(), user.roles().stream().map(r -> "ROLE_" + r))
                .map(SimpleGrantedAuthority::new).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || !lockedUntil.isAfter(now);
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "AccountPrincipal[" + user.username() + "]";
    }
}
