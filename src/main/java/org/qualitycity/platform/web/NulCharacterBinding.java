package org.qualitycity.platform.web;

import org.qualitycity.platform.internal.NulCharacter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;

/**
 * Binding of every form field, request parameter and path variable into a {@code String} refuses U+0000:
 * forms show it as a field error (binding failure), parameters answer 400 naming the parameter.
 */
@ControllerAdvice
class NulCharacterBinding {

    @InitBinder
    void refuseNul(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (NulCharacter.in(text)) {
                    throw new IllegalArgumentException(NulCharacter.MESSAGE);
                }
                setValue(text);
            }
        });
    }
}
