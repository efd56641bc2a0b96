package org.qualitycity.platform.web;

import org.qualitycity.platform.Units;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

import java.util.Set;

/** Makes {@link Formats} the expression object {@code #qc} of every template, one per rendered page. */
@Component
class FormatsDialect extends AbstractDialect implements IExpressionObjectDialect {

    static final String NAME = "qc";

    private final Units units;
    private final MessageSource messages;

    FormatsDialect(Units units, MessageSource messages) {
        super("QualityCityFormats");
        this.units = units;
        this.messages = messages;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return NAME.equals(expressionObjectName) ? new Formats(context.getLocale(), units, messages) : null;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}
