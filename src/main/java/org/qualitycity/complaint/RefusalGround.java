package org.qualitycity.complaint;

/**
 * The seven grounds on which a complaint may be refused (不予受理), as a coded list (SAMR Order 121,
 * Art 16). Every refusal carries one of them; {@link #TIME_BARRED} is the only decision open to a
 * complaint about harm the complainant knew of more than three years before it was received.
 */
public enum RefusalGround {
    /** 不属于消费者权益争议 — not a consumer rights dispute. */
    NOT_CONSUMER_DISPUTE,
    /** 法院、仲裁机构、其他行政机关等已经受理或者处理 — already before a court, arbitration or another authority. */
    OTHER_AUTHORITY,
    /** 自知道或者应当知道权益受到侵害之日起超过三年 — harm known more than three years earlier. */
    TIME_BARRED,
    /** 未提供投诉人身份、被投诉人、诉求和事实等必要信息 — required information missing. */
    INCOMPLETE,
    /** 已经调解组织调解或者市场监管部门已经调解 — already mediated, nothing new. */
    ALREADY_MEDIATED,
    /** 不属于本部门管辖 — outside this authority's jurisdiction (with the competent body named). */
    NO_JURISDICTION,
    /** 法律、法规、规章规定不予受理的其他情形 — other grounds in laws and regulations. */
    OTHER_LAW
}
