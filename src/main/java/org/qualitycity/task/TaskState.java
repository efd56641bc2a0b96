package org.qualitycity.task;

/** 立项 → 交办 → 签收 → 办理 → 反馈 → 复核 → 办结. */
public enum TaskState {
    CREATED, ASSIGNED, ACKNOWLEDGED, IN_PROGRESS, FEEDBACK, REVIEW, CLOSED
}
