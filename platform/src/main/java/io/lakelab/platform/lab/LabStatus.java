package io.lakelab.platform.lab;

/**
 * Whether a lab's workspace takes new work. A FROZEN lab (delisted, 摘牌, or stopped in an
 * emergency) is read-only and archived: its record, tables and reports are kept, but nothing new
 * runs in it.
 */
public enum LabStatus {
    ACTIVE,
    FROZEN
}
