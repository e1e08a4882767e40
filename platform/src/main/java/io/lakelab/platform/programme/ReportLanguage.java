package io.lakelab.platform.programme;

/** The language a lab chose for its monthly reports and evaluation pack. */
public enum ReportLanguage {
    ZH_CN,
    EN
}
