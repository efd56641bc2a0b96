package org.qualitycity.plan.internal;

import java.text.MessageFormat;
import java.util.Locale;

/** Localised texts of the plan module: a message key, its English fallback and arguments. */
@FunctionalInterface
public interface PlanTexts {

    String get(String key, String fallback, Object... args);

    /** The English fallbacks themselves (unit tests, logs). */
    PlanTexts FALLBACK = (key, fallback, args) -> new MessageFormat(fallback, Locale.ENGLISH).format(args);
}
