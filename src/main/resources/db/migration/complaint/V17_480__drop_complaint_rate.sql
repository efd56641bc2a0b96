-- Counted by platform.RateLimits in platform_rate since V1_480 (ADR 0010).
DROP TABLE complaint_rate;
