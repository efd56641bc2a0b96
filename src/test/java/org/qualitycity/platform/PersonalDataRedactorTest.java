package org.qualitycity.platform;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9, finding 1: the patterns the redactor finds, and what it leaves alone. */
class PersonalDataRedactorTest {

    private static String r(String s) {
        return PersonalDataRedactor.redact(s);
    }

    @Test
    void mobileNumbersInAnyGroupingAndWithTheCountryCode() {
        for (String phone : List.of("13912345678", "139-1234-5678", "139 1234 5678", "+86 13912345678",
                "+86-139-1234-5678", "008613912345678", "0086 139 1234 5678", "(+86)13912345678", "139.1234.5678")) {
            String out = r("请拨打" + phone + "联系我");
            assertThat(out).as(phone).isEqualTo("请拨打***联系我");
        }
    }

    @Test
    void landlinesIdNumbersCardsAndEmail() {
        assertThat(r("座机0715-1234567，")).isEqualTo("座机***，");
        assertThat(r("座机(0715)8123456")).isEqualTo("座机***");
        assertThat(r("电话 010-87654321 转 123")).isEqualTo("电话 ***");
        assertThat(r("身份证42122219800101123X号")).isEqualTo("身份证***号");
        assertThat(r("身份证 421222198001011234")).isEqualTo("身份证 ***");
        // a Luhn-valid card in groups of four, and 19 digits
        assertThat(r("卡号6222 0212 3456 7894，")).isEqualTo("卡号***，");
        assertThat(r("卡号4111111111111111")).isEqualTo("卡号***");
        assertThat(r("邮箱 li.ming+x@example.com.cn 谢谢")).isEqualTo("邮箱 *** 谢谢");
    }

    @Test
    void ordinaryNumbersAndWordsStay() {
        // prices, dates, order numbers that fail Luhn, model numbers
        String text = "2026年3月5日购买，价格1999元，订单号1234567812345678，型号KFR-35GW，共3台。";
        assertThat(r(text)).isEqualTo(text);
    }

    @Test
    void ownNameAndAddressAsWholeValuesOnly() {
        List<String> own = List.of("张三丰", "通城县隽水镇某小区3栋", "王", "Li Ming");
        assertThat(PersonalDataRedactor.redact("我张三丰住在通城县隽水镇某小区3栋，王老板不退款", own))
                .isEqualTo("我***住在***，王老板不退款");
        // a Latin name only between non-letters
        assertThat(PersonalDataRedactor.redact("Li Ming bought it; Li Mingyang did not", own))
                .isEqualTo("*** bought it; Li Mingyang did not");
        assertThat(PersonalDataRedactor.redact(null, own)).isNull();
    }

    /** Issue 11, finding 3: a name that is also an ordinary word garbles nothing, and is still masked as a name. */
    @Test
    void ownNamesAreMaskedAsWholeWordsOnly() {
        List<String> own = List.of("测试");
        // the ordinary word, and the name inside other words, stay
        assertThat(PersonalDataRedactor.redact("测试报告显示产品不合格，复测试验也不合格", own))
                .isEqualTo("测试报告显示产品不合格，复测试验也不合格");
        // standing alone it is the name
        assertThat(PersonalDataRedactor.redact("投诉人：测试，要求退款", own)).isEqualTo("投诉人：***，要求退款");
        // 马上 (a surname and given name that also mean "at once"): masked as a name, kept as the adverb
        assertThat(PersonalDataRedactor.redact("投诉人马上，请商家马上处理", List.of("马上")))
                .isEqualTo("投诉人***，请商家马上处理");
        // a name across a word boundary of the text is not there: 老王|刚才 holds no 王刚
        assertThat(PersonalDataRedactor.redact("老王刚才说不退，本人王刚要求赔偿", List.of("王刚")))
                .isEqualTo("老王刚才说不退，本人***要求赔偿");
        // ordinary names are masked wherever they are a word
        assertThat(PersonalDataRedactor.redact("本人李明，购买的冰箱坏了。李明的电话见附件", List.of("李明")))
                .isEqualTo("本人***，购买的冰箱坏了。***的电话见附件");
    }
}
