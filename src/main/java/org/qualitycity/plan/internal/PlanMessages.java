package org.qualitycity.plan.internal;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Texts of the plan module (basename {@code i18n/plan_messages}) in the current request's locale. */
@Component
public class PlanMessages implements PlanTexts {

    private final MessageSource messageSource;

    PlanMessages(MessageSource messageSource) {
        this.messageSource = messageSource;
    }

    @Override
    public String text(String key, Object... args) {
        return messageSource.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
