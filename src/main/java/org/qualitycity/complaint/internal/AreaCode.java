package org.qualitycity.complaint.internal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.qualitycity.platform.Unit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The code of a district or zone of this city's unit register (the city is data: no code pattern in Java). Checked with
 * the other field constraints, so that a submission with several bad fields gets every problem at once.
 */
@Documented
@Constraint(validatedBy = AreaCode.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@interface AreaCode {

    String message() default "{complaint.error.unknown-district}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's constraint validator factory, with the unit register injected. */
    class Check implements ConstraintValidator<AreaCode, String> {

        private final RecentUnits units;

        Check(RecentUnits units) {
            this.units = units;
        }

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            // blank is @NotBlank's to report
            return code == null || code.isBlank() || units.byCode(code.trim()).filter(Unit::isArea).isPresent();
        }
    }
}
