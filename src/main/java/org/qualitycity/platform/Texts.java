package org.qualitycity.platform;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Renders message keys from the bundles ({@code i18n/*messages*.properties}): in the language of the
 * current request ({@link LocaleContextHolder}, set from {@code ?lang=} and the language cookie), or in
 * a given one. For messages that are shown at once (validation and conflict messages, export headers);
 * texts that are stored are {@link Text}s and rendered when read. Outside a request the language is
 * Chinese, the application's default.
 */
@Component
public final class Texts {

    /** The application's default language. */
    public static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[a-z]+(?:\\.[a-zA-Z0-9-]+)+");

    private static volatile MessageSource source;

    Texts(MessageSource messageSource) {
        source = messageSource;
    }

    /** The message in the current request's language. */
    public static String msg(String key, Object... args) {
        return render(Text.of(key, args), locale());
    }

    /** The text in the current request's language; null for null. */
    public static String render(Text text) {
        return render(text, locale());
    }

    /** The current request's language, or the default. */
    public static Locale locale() {
        Locale l = LocaleContextHolder.getLocaleContext() == null ? null : LocaleContextHolder.getLocale();
        return l == null ? DEFAULT : l;
    }

    /**
     * A stored column that holds either a {@link Text} as JSON (rendered in the current request's language)
     * a bare message key, or text written as such (returned as it is); null for null.
     */
    public static String renderStored(String stored) {
        if (stored != null && KEY.matcher(stored).matches() && source != null) {
            return source.getMessage(stored, null, stored, locale());
        }
        if (stored == null || !stored.startsWith("{\"key\"")) {
            return stored;
        }
        try {
            return render(Text.fromJson(stored));
        } catch (RuntimeException e) {
            return stored;
        }
    }

    /** The text in the given language; the key itself when the bundles lack it; null for null. */
    public static String render(Text text, Locale locale) {
        if (text == null) {
            return null;
        }
        Object[] args = text.args().stream().map(a -> a instanceof Text t ? render(t, locale)
                : a instanceof Text.Names n ? n.in(locale) : a).toArray();
        MessageSource ms = source;
        if (ms == null) {
            return text.key();
        }
        try {
            return ms.getMessage(text.key(), args, locale);
        } catch (NoSuchMessageException e) {
            return text.key();
        }
    }
}
