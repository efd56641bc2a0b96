package org.qualitycity.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;

import java.util.Locale;

/**
 * What an anonymous visitor sees at {@code /} (the public portal, module portal): fills the model and names the
 * view. Without an implementation the anonymous visitor is sent to the login page.
 */
public interface PublicHome {

    String home(HttpServletRequest request, Model model, Locale locale);
}
