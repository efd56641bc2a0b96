package org.qualitycity.calendar.internal;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Localised texts of the calendar's error messages (basename {@code i18n/calendar_messages}), in the
 * current request's locale, with the English text as fallback when the basename is not registered.
 */
@Component
public class CalendarMessages {

    private final MessageSource messageSource;

    CalendarMessages(MessageSource messageSource) {
        this.messageSource = messageSource;
    }

    /** The text of {@code key} with {@code args}, or {@code fallback} (a MessageFormat pattern). */
    public String get(String key, String fallback, Object... args) {
        return messageSource.getMessage(key, args, fallback, LocaleContextHolder.getLocale());
    }
}
