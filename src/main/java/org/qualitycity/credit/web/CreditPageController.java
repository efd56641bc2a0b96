package org.qualitycity.credit.web;

import org.qualitycity.credit.internal.CreditService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public serious-violation list page. */
@Controller
class CreditPageController {

    private final CreditService credit;

    CreditPageController(CreditService credit) {
        this.credit = credit;
    }

    @GetMapping("/public/blacklist")
    String blacklist(Model model) {
        model.addAttribute("entries", credit.publicList());
        return "credit/blacklist";
    }
}
