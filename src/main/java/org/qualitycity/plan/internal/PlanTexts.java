package org.qualitycity.plan.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Localised texts of the plan module: a key of the bundle {@code i18n/plan_messages} and its arguments.
 * The texts are written once, in the bundles (Chinese and English), never in Java.
 */
@FunctionalInterface
public interface PlanTexts {

    /** The text of {@code key} with its arguments in the reader's language. */
    String text(String key, Object... args);

    /**
     * A text whose key may be missing, such as a label built from a code ({@code "plan.module." + module}):
     * then {@code fallback} (the code itself) is shown.
     */
    default String get(String key, String fallback, Object... args) {
        String text = text(key, args);
        return text.equals(key) ? fallback : text;
    }

    /** The English texts read from the bundle itself (unit tests without Spring, logs). */
    PlanTexts ENGLISH = in(Locale.ENGLISH);

    /** The bundle's texts in one language, formatted as Spring's message source formats them. */
    static PlanTexts in(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle("i18n/plan_messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return (key, args) -> {
            String pattern = bundle.containsKey(key) ? bundle.getString(key) : key;
            return args == null || args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        };
    }
}
