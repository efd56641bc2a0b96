package org.qualitycity.indicator.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives the indicator pages their formatter. */
@ControllerAdvice(assignableTypes = {IndicatorPageController.class, DataEntryPageController.class})
class IndicatorPageAdvice {

    private final IndicatorFormat fmt;

    IndicatorPageAdvice(IndicatorFormat fmt) {
        this.fmt = fmt;
    }

    @ModelAttribute("fmt")
    IndicatorFormat fmt() {
        return fmt;
    }
}
