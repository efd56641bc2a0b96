package org.qualitycity.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.qualitycity.credit.CreditLookup;
import org.qualitycity.platform.RateLimits;
import org.qualitycity.platform.Texts;

import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.web.FormErrors;
import org.qualitycity.portal.internal.HotTopics;


import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;


import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The public portal (no login): {@code /} shows it to anonymous visitors (the platform's home forwards here), the
 * credit look-up, the QR look-up and the hot-topic form.
 */
@Controller
@Validated
class PortalPageController {

    /** A traceability code printed under a QR code. */
    private static final Pattern TRACE_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{2,63}");
    /** The path of a GS1 Digital Link: /01/{gtin}/10/{lot}, optionally more key qualifiers. */
    private static final Pattern DIGITAL_LINK_PATH = Pattern.compile("/01/[0-9]{8,14}(/[0-9]{2,4}/[A-Za-z0-9%._!*'()+,;:=-]{1,80}){0,4}");

    private final PortalHome home;
    private final HotTopics topics;
    private final CreditLookup credit;
    private final RateLimits limits;
    private final RateLimits.Limit topicsPerIp;
    private final RateLimits.Limit lookupsPerIp;

    PortalPageController(PortalHome home, HotTopics topics, CreditLookup credit, RateLimits limits) {
        this.home = home;
        this.topics = topics;
        this.credit = credit;
        this.limits = limits;
        this.topicsPerIp = limits.limit("portal-topics-per-ip");
        this.lookupsPerIp = limits.limit("portal-lookups-per-ip");
    }

    /** The portal's home page (also shown at {@code /} to anonymous visitors, see {@link PortalHome}). */
    @GetMapping("/public/portal")
    String home(HttpServletRequest request, Model model, Locale locale) {
        return home.home(request, model, locale);
    }

    /**
     * The QR look-up: a traceability code goes to its scan page ({@code /t/{code}}); a pasted GS1 Digital Link (a
     * whole URL or its path) goes to its path on this site, never to another host.
     */
    @GetMapping("/public/scan")
    String scan(@RequestParam(required = false) String code, Model model, HttpServletResponse response) {
        if (code == null || code.isBlank()) {
            return "portal/scan";
        }
        String c = code.strip();
        if (c.length() <= 300) {
            String path = c;
            int at = c.indexOf("/01/");
            if (at >= 0) {
                path = c.substring(at);
                int q = path.indexOf('?');
                path = q >= 0 ? path.substring(0, q) : path;
                if (DIGITAL_LINK_PATH.matcher(path).matches()) {
                    return "redirect:" + path;
                }
            } else if (TRACE_CODE.matcher(c).matches()) {
                return "redirect:/t/" + UriUtils.encodePathSegment(c, StandardCharsets.UTF_8);
            }
        }
        response.setStatus(400);
        model.addAttribute("code", c.length() > 300 ? c.substring(0, 300) : c);
        FormErrors.put(model, Map.of("code", Texts.msg("portal.scan.invalid")));
        return "portal/scan";
    }

    /** The credit look-up page: public grade and published listings, by name or credit code. */
    @GetMapping("/public/credit")
    String credit(@RequestParam(required = false) String q, Model model, HttpServletRequest request,
                  HttpServletResponse response) {
        model.addAttribute("q", q);
        if (q == null || q.isBlank()) {
            return "portal/credit";
        }
        try {
            limits.hit(lookupsPerIp.key(request.getRemoteAddr()));
            model.addAttribute("results", credit.lookup(PortalApiController.checkQuery(q), 20));
        } catch (ValidationException e) {
            response.setStatus(400);
            FormErrors.put(model, FormErrors.of(e));
        } catch (RateLimits.LimitedException e) {
            response.setStatus(429);
            FormErrors.put(model, Map.of("_form", "limited"));
        }
        return "portal/credit";
    }

    /** Hot topics: the published ones and the form to propose one. */
    @GetMapping("/public/hot-topics")
    String hotTopics(Model model) {
        model.addAttribute("form", new HotTopics.Proposal("PRODUCT", null, null, null));
        model.addAttribute("topics", topics.published(50));
        model.addAttribute("categories", categories());
        return "portal/hot-topics";
    }

    @PostMapping("/public/hot-topics")
    String propose(@ModelAttribute("form") HotTopics.Proposal form, org.springframework.validation.BindingResult binding,
                   Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("topics", topics.published(50));
        model.addAttribute("categories", categories());
        if (binding.hasErrors()) {
            response.setStatus(400);
            FormErrors.put(model, FormErrors.of(binding));
            model.asMap().remove(org.springframework.validation.BindingResult.MODEL_KEY_PREFIX + "form");
            model.addAttribute("form", new HotTopics.Proposal("PRODUCT", null, null, null));
            return "portal/hot-topics";
        }
        try {
            limits.hit(topicsPerIp.key(request.getRemoteAddr()));
            topics.propose(form);
            return "redirect:/public/hot-topics?sent";
        } catch (ValidationException e) {
            response.setStatus(400);
            FormErrors.put(model, FormErrors.of(e));
        } catch (RateLimits.LimitedException e) {
            response.setStatus(429);
            FormErrors.put(model, Map.of("_form", "limited"));
        }
        return "portal/hot-topics";
    }

    static List<String> categories() {
        return List.of("PRODUCT", "ENGINEERING", "SERVICE", "ECOLOGY", "GOVERNMENT", "OTHER");
    }

    static URI location(long id) {
        return URI.create("/public/hot-topics#topic-" + id);
    }
}
