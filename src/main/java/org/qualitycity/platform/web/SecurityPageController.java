package org.qualitycity.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.platform.internal.SecondFactorLogin;
import org.qualitycity.platform.internal.TwoFactor;
import org.qualitycity.platform.internal.UserSessions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;

/** The second login step, one's own two-factor enrolment and one's own sessions. */
@Controller
class SecurityPageController {

    private final SecondFactorLogin secondFactor;
    private final TwoFactor twoFactor;
    private final UserSessions sessions;

    SecurityPageController(SecondFactorLogin secondFactor, TwoFactor twoFactor, UserSessions sessions) {
        this.secondFactor = secondFactor;
        this.twoFactor = twoFactor;
        this.sessions = sessions;
    }

    @GetMapping("/login/totp")
    String secondStep(HttpServletRequest request, Model model) {
        var pending = secondFactor.pendingView(request);
        if (pending.isEmpty()) {
            return "redirect:/login";
        }
        model.addAttribute("pending", pending.get());
        return "login-totp";
    }

    @PostMapping("/login/totp")
    String secondStep(@RequestParam(required = false) String code, HttpServletRequest request,
                      HttpServletResponse response, Model model) throws IOException {
        var result = secondFactor.complete(request, response, code == null ? "" : code);
        return switch (result.outcome()) {
            case EXPIRED -> "redirect:/login?expired";
            case WRONG -> "redirect:/login/totp?error";
            case SIGNED_IN -> {
                if (result.recoveryCodes().isEmpty()) {
                    response.sendRedirect(result.target());
                    yield null;
                }
                model.addAttribute("codes", result.recoveryCodes());
                yield "platform/recovery-codes";
            }
        };
    }

    @GetMapping("/me/two-factor")
    String twoFactor(Model model) {
        CurrentUser me = Security.currentUser();
        model.addAttribute("enrolled", twoFactor.enrolled(me.id()));
        model.addAttribute("required", TwoFactor.required(me));
        model.addAttribute("enrolment", twoFactor.pending(me).orElse(null));
        return "platform/two-factor";
    }

    @PostMapping("/me/two-factor/start")
    String startEnrolment() {
        twoFactor.start(Security.currentUser());
        return "redirect:/me/two-factor";
    }

    @PostMapping("/me/two-factor/confirm")
    String confirmEnrolment(@RequestParam(required = false) String code, Model model, RedirectAttributes flash) {
        try {
            model.addAttribute("codes", twoFactor.confirm(Security.currentUser(), code));
            return "platform/recovery-codes";
        } catch (ValidationException e) {
            flash.addFlashAttribute("codeError", true);
            return "redirect:/me/two-factor";
        }
    }

    @GetMapping("/me/sessions")
    String sessions(HttpServletRequest request, Model model) {
        model.addAttribute("sessions", sessions.of(Security.currentUser().username(), request.getSession().getId()));
        return "platform/sessions";
    }

    @PostMapping("/me/sessions/{id}/end")
    String endSession(@PathVariable String id, RedirectAttributes flash) {
        if (id.length() > 36 || !sessions.end(Security.currentUser(), id)) {
            throw new NotFoundException("session " + id);
        }
        flash.addFlashAttribute("flash", "sessions.ended");
        return "redirect:/me/sessions";
    }
}
