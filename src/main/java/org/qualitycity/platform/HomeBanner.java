package org.qualitycity.platform;

import java.util.List;
import java.util.Locale;

/**
 * A module's warnings for the top of the home page (e.g. the calendar's "the holiday arrangement of next year is
 * not loaded"). Each bean answers, for the signed-in user, the banners that concern them, already in the reader's
 * language; none when nothing is wrong.
 */
public interface HomeBanner {

    List<Banner> banners(CurrentUser user, Locale locale);

    /**
     * @param severity INFO, WARN or ALERT
     * @param text     the message in the reader's language
     * @param link     a path in this application, or null
     */
    record Banner(String severity, String text, String link) {
    }
}
