package io.lakelab.platform.lab;

/**
 * Whether a lab's workspace takes new work. A FROZEN lab (delisted, 摘牌) is read-only and
 * archived: its record, tables and reports are kept, but nothing new runs in it. An emergency
 * freeze does not change the status: it is an open incident (see {@code platform.incident}),
 * lifted by a second administrator.
 */
public enum LabStatus {
    ACTIVE,
    FROZEN
}
