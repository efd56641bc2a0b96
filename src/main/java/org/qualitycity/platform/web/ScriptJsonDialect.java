package org.qualitycity.platform.web;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.templatemode.TemplateMode;

import java.util.Set;

/**
 * {@code <script type="application/json" id="…" qc:json="${data}"></script>}: the element's body
 * becomes {@link ScriptJson#write(Object) ScriptJson} of the expression's value.
 */
@Component
class ScriptJsonDialect extends AbstractProcessorDialect {

    ScriptJsonDialect() {
        super("QualityCity", "qc", 1000);
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(new JsonBody(dialectPrefix));
    }

    static final class JsonBody extends AbstractAttributeTagProcessor {

        JsonBody(String prefix) {
            super(TemplateMode.HTML, prefix, null, false, "json", true, 1000, true);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
                                 String attributeValue, IElementTagStructureHandler structureHandler) {
            Object value = StandardExpressions.getExpressionParser(context.getConfiguration())
                    .parseExpression(context, attributeValue).execute(context);
            structureHandler.setBody(ScriptJson.write(value), false);
        }
    }
}
