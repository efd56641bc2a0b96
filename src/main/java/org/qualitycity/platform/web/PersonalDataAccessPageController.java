package org.qualitycity.platform.web;

import jakarta.validation.Valid;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.internal.PersonalDataAccessReport;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/** The personal-data access report page (audit administrator, auditor): who saw a data subject's data, when. */
@Controller
class PersonalDataAccessPageController {

    private final PersonalDataAccessReport report;

    PersonalDataAccessPageController(PersonalDataAccessReport report) {
        this.report = report;
    }

    @GetMapping("/audit/personal-data-access")
    @PreAuthorize("hasAuthority('platform:audit:view')")
    String page(@RequestParam(required = false) String subject, @Valid @ModelAttribute ListQuery q, Model model) {
        model.addAttribute("subject", subject);
        if (subject != null && !subject.isBlank()) {
            try {
                model.addAttribute("page", report.accesses(subject, q));
            } catch (ValidationException e) {
                model.addAttribute("subjectError", "pda.subject.invalid");
            }
        }
        return "platform/personal-data-access";
    }
}
