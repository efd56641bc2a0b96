package org.qualitycity.platform.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every JSON string read into a {@code String} is refused when it holds U+0000: the 400 names the field
 * through the path of the {@link InvalidFormatException}.
 */
@Configuration(proxyBeanMethods = false)
class NulCharacterJson {

    @Bean
    JacksonModule nulCharacterModule() {
        SimpleModule module = new SimpleModule("qc-nul-character");
        module.addDeserializer(String.class, new NulRefusingStringDeserializer());
        return module;
    }

    static final class NulRefusingStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String s = super.deserialize(p, ctxt);
            if (NulCharacter.in(s)) {
                throw InvalidFormatException.from(p, NulCharacter.MESSAGE, s, String.class);
            }
            return s;
        }
    }
}
