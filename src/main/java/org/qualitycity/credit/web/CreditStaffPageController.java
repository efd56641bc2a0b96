package org.qualitycity.credit.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.qualitycity.credit.internal.CreditService;
import org.qualitycity.enterprise.EnterpriseRef;
import org.qualitycity.enterprise.Enterprises;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Staff pages over {@link CreditService} (the same methods as the API, with the same permissions): the
 * serious-violation list with listing and removal, credit-repair decisions, penalties and honours; and the
 * enterprise's repair application. Listing, removal and decisions show a confirmation step before they change
 * anything: the first POST validates and shows what will happen, the second (confirmed=true) does it.
 */
@Controller
class CreditStaffPageController {

    private final CreditService credit;
    private final Enterprises enterprises;
    private final Validator validator;

    CreditStaffPageController(CreditService credit, Enterprises enterprises, Validator validator) {
        this.credit = credit;
        this.enterprises = enterprises;
        this.validator = validator;
    }

    // ---------------------------------------------------------------- the list

    @GetMapping("/credit/blacklist")
    @PreAuthorize("hasAuthority('credit:record:view')")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                @Valid @ModelAttribute ListQuery query, Model model) {
        String s = status == null || status.isBlank() ? "ACTIVE" : status;
        model.addAttribute("page", credit.listings(Security.currentUser(), new CreditService.ListingFilter(q, s), query));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("status", s);
        model.addAttribute("today", credit.today());
        return "credit/staff-blacklist";
    }

    @GetMapping("/credit/blacklist/new")
    @PreAuthorize("hasAuthority('credit:blacklist:edit')")
    String newListing(@RequestParam(required = false) String creditCode, Model model) {
        Map<String, String> form = new HashMap<>();
        form.put("creditCode", creditCode == null ? "" : creditCode);
        form.put("listedOn", credit.today().toString());
        form.put("years", "3");
        return listingForm(form, Map.of(), model);
    }

    private String listingForm(Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        FormErrors.put(model, errors);
        model.addAttribute("confirm", false);
        return "credit/listing-form";
    }

    @PostMapping("/credit/blacklist")
    @PreAuthorize("hasAuthority('credit:blacklist:edit')")
    String createListing(@RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        CurrentUser user = Security.currentUser();
        if (form.containsKey("edit")) {
            return listingForm(form, Map.of(), model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate listedOn = date(form.get("listedOn"), "listedOn", errors);
        Integer years = integer(form.get("years"), "years", errors);
        var req = new CreditService.NewListing(trim(form.get("creditCode")), trim(form.get("decisionNo")),
                trim(form.get("legalBasis")), trim(form.get("reason")), trim(form.get("approvedBy")), listedOn, years);
        errors.putAll(check(req, errors));
        if (years != null && (years < 1 || years > 10)) {
            errors.putIfAbsent("years", Texts.msg("credit.staff.error.years"));
        }
        EnterpriseRef enterprise = null;
        if (!errors.containsKey("creditCode")) {
            try {
                enterprise = enterprises.requireVisible(req.creditCode(), user);
            } catch (NotFoundException e) {
                errors.put("creditCode", Texts.msg("credit.staff.error.no-enterprise"));
            }
        }
        if (!errors.isEmpty()) {
            return listingForm(form, errors, model);
        }
        if (!"true".equals(form.get("confirmed"))) {
            model.addAttribute("form", form);
            model.addAttribute("enterprise", enterprise);
            LocalDate from = listedOn == null ? credit.today() : listedOn;
            model.addAttribute("from", from);
            model.addAttribute("until", from.plusYears(years == null ? 3 : years));
            model.addAttribute("confirm", true);
            return "credit/listing-form";
        }
        try {
            credit.list(req, user);
        } catch (ValidationException e) {
            return listingForm(form, FormErrors.of(e), model);
        } catch (ConflictException e) {
            return listingForm(form, Map.of("creditCode", e.getMessage()), model);
        }
        flash.addFlashAttribute("flash", "credit.staff.flash.listed");
        return "redirect:" + UriComponentsBuilder.fromPath("/credit/blacklist").queryParam("q", req.creditCode())
                .build().encode().toUriString();
    }

    @GetMapping("/credit/blacklist/{id}/remove")
    @PreAuthorize("hasAuthority('credit:blacklist:edit')")
    String removalForm(@PathVariable long id, Model model) {
        return removalForm(credit.visibleListingOf(id, Security.currentUser()), Map.of("reason", ""), Map.of(), model);
    }

    private String removalForm(CreditService.BlacklistView listing, Map<String, String> form, Map<String, String> errors,
                               Model model) {
        model.addAttribute("listing", listing);
        model.addAttribute("active", credit.activeToday(listing));
        model.addAttribute("form", form);
        FormErrors.put(model, errors);
        model.addAttribute("confirm", false);
        return "credit/removal-form";
    }

    @PostMapping("/credit/blacklist/{id}/remove")
    @PreAuthorize("hasAuthority('credit:blacklist:edit')")
    String remove(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        CurrentUser user = Security.currentUser();
        CreditService.BlacklistView listing = credit.visibleListingOf(id, user);
        if (form.containsKey("edit")) {
            return removalForm(listing, form, Map.of(), model);
        }
        var req = new CreditService.Removal(trim(form.get("reason")));
        Map<String, String> errors = check(req, Map.of());
        if (!errors.isEmpty()) {
            return removalForm(listing, form, errors, model);
        }
        if (!"true".equals(form.get("confirmed"))) {
            removalForm(listing, form, Map.of(), model);
            model.addAttribute("confirm", true);
            return "credit/removal-form";
        }
        try {
            credit.remove(id, req, user);
        } catch (ConflictException e) {
            return removalForm(listing, form, Map.of("_form", e.getMessage()), model);
        }
        flash.addFlashAttribute("flash", "credit.staff.flash.removed");
        return "redirect:" + UriComponentsBuilder.fromPath("/credit/blacklist").queryParam("status", "ALL")
                .queryParam("q", listing.creditCode()).build().encode().toUriString();
    }

    // ---------------------------------------------------------------- credit repair

    @GetMapping("/credit/repairs")
    @PreAuthorize("hasAuthority('credit:repair:decide')")
    String repairs(@RequestParam(required = false) String status, @Valid @ModelAttribute ListQuery query, Model model) {
        String s = status == null || status.isBlank() ? "PENDING" : status;
        model.addAttribute("page", credit.repairs(Security.currentUser(), s, query));
        model.addAttribute("status", s);
        return "credit/repairs";
    }

    @GetMapping("/credit/repairs/{id}")
    @PreAuthorize("hasAuthority('credit:repair:decide')")
    String repair(@PathVariable long id, Model model) {
        return decisionForm(credit.repairOf(id, Security.currentUser()), Map.of(), Map.of(), model);
    }

    private String decisionForm(CreditService.RepairRow row, Map<String, String> form, Map<String, String> errors,
                                Model model) {
        model.addAttribute("row", row);
        model.addAttribute("form", form);
        FormErrors.put(model, errors);
        model.addAttribute("confirm", false);
        return "credit/repair-decision";
    }

    @PostMapping("/credit/repairs/{id}/decision")
    @PreAuthorize("hasAuthority('credit:repair:decide')")
    String decide(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        CurrentUser user = Security.currentUser();
        CreditService.RepairRow row = credit.repairOf(id, user);
        if (form.containsKey("edit")) {
            return decisionForm(row, form, Map.of(), model);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String decision = form.getOrDefault("decision", "");
        if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
            errors.put("decision", Texts.msg("credit.staff.error.decision"));
        }
        String note = trim(form.get("note"));
        var req = new CreditService.Decision(decision.equals("APPROVE"), note);
        if (note == null || note.isEmpty()) {
            errors.put("note", Texts.msg("credit.staff.error.required"));
        }
        errors.putAll(check(req, errors));
        if (!errors.isEmpty()) {
            return decisionForm(row, form, errors, model);
        }
        if (!"true".equals(form.get("confirmed"))) {
            decisionForm(row, form, Map.of(), model);
            model.addAttribute("confirm", true);
            return "credit/repair-decision";
        }
        try {
            credit.decide(id, req, user);
        } catch (ConflictException e) {
            return decisionForm(row, form, Map.of("_form", e.getMessage()), model);
        }
        flash.addFlashAttribute("flash", req.approve() ? "credit.staff.flash.approved" : "credit.staff.flash.rejected");
        return "redirect:/credit/repairs";
    }

    /** The enterprise's application for credit repair of one of its listings. */
    @GetMapping("/credit/blacklist/{id}/repair")
    @PreAuthorize("hasAuthority('credit:repair:apply')")
    String repairForm(@PathVariable long id, Model model) {
        return repairForm(credit.visibleListingOf(id, Security.currentUser()), Map.of(), Map.of(), model);
    }

    private String repairForm(CreditService.BlacklistView listing, Map<String, String> form, Map<String, String> errors,
                              Model model) {
        model.addAttribute("listing", listing);
        model.addAttribute("earliest", listing.listedOn().plusYears(1));
        model.addAttribute("form", form);
        FormErrors.put(model, errors);
        return "credit/repair-form";
    }

    @PostMapping("/credit/blacklist/{id}/repair")
    @PreAuthorize("hasAuthority('credit:repair:apply')")
    String apply(@PathVariable long id, @RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        CurrentUser user = Security.currentUser();
        CreditService.BlacklistView listing = credit.visibleListingOf(id, user);
        var req = new CreditService.NewRepair(trim(form.get("commitment")), trim(form.get("evidence")));
        Map<String, String> errors = check(req, Map.of());
        if (!errors.isEmpty()) {
            return repairForm(listing, form, errors, model);
        }
        try {
            credit.apply(id, req, user);
        } catch (ValidationException e) {
            Map<String, String> problems = new LinkedHashMap<>();
            e.problems().forEach(p -> problems.putIfAbsent(p.field().equals("blacklistId") ? "_form" : p.field(),
                    p.message()));
            return repairForm(listing, form, problems, model);
        } catch (ConflictException e) {
            return repairForm(listing, form, Map.of("_form", e.getMessage()), model);
        }
        flash.addFlashAttribute("flash", "credit.staff.flash.applied");
        return "redirect:/enterprises/" + listing.creditCode();
    }

    // ---------------------------------------------------------------- penalties and honours

    @GetMapping("/credit/enterprises/{creditCode}/events/new")
    @PreAuthorize("hasAuthority('credit:event:edit')")
    String eventForm(@PathVariable String creditCode, @RequestParam(required = false) String kind, Model model) {
        EnterpriseRef e = enterprises.requireVisible(creditCode, Security.currentUser());
        Map<String, String> form = new HashMap<>();
        form.put("kind", "HONOUR".equals(kind) ? "HONOUR" : "PENALTY");
        form.put("occurredOn", credit.today().toString());
        return eventForm(e, form, Map.of(), model);
    }

    private String eventForm(EnterpriseRef e, Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("enterprise", e);
        model.addAttribute("form", form);
        FormErrors.put(model, errors);
        return "credit/event-form";
    }

    @PostMapping("/credit/enterprises/{creditCode}/events")
    @PreAuthorize("hasAuthority('credit:event:edit')")
    String addEvent(@PathVariable String creditCode, @RequestParam Map<String, String> form, Model model,
                    RedirectAttributes flash) {
        CurrentUser user = Security.currentUser();
        EnterpriseRef e = enterprises.requireVisible(creditCode, user);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate occurredOn = date(form.get("occurredOn"), "occurredOn", errors);
        String reference = trim(form.get("reference"));
        var req = new CreditService.NewEvent(trim(form.get("kind")), occurredOn, trim(form.get("description")),
                reference == null || reference.isEmpty() ? null : reference);
        errors.putAll(check(req, errors));
        if (!errors.isEmpty()) {
            return eventForm(e, form, errors, model);
        }
        try {
            credit.addEvent(creditCode, req, user);
        } catch (ValidationException ex) {
            return eventForm(e, form, FormErrors.of(ex), model);
        }
        flash.addFlashAttribute("flash", "PENALTY".equals(req.kind()) ? "credit.staff.flash.penalty"
                : "credit.staff.flash.honour");
        return "redirect:/enterprises/" + e.creditCode() + "#credit-history";
    }

    // ---------------------------------------------------------------- form helpers

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    /** The request's constraint violations as field errors in the reader's language (fields already in error kept). */
    private Map<String, String> check(Object req, Map<String, String> already) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<Object> v : validator.validate(req)) {
            String field = v.getPropertyPath().toString();
            if (already.containsKey(field)) {
                continue;
            }
            String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            errors.putIfAbsent(field, switch (constraint) {
                case "NotBlank", "NotNull", "NotEmpty" -> Texts.msg("credit.staff.error.required");
                case "Size" -> Texts.msg("credit.staff.error.too-long", v.getConstraintDescriptor().getAttributes().get("max"));
                default -> v.getMessage();
            });
        }
        return errors;
    }

    private static LocalDate date(String s, String field, Map<String, String> errors) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (RuntimeException e) {
            errors.put(field, Texts.msg("credit.staff.error.date"));
            return null;
        }
    }

    private static Integer integer(String s, String field, Map<String, String> errors) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            errors.put(field, Texts.msg("credit.staff.error.years"));
            return null;
        }
    }
}
