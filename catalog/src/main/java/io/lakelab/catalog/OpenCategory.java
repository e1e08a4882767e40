package io.lakelab.catalog;

/**
 * Open category of public data under the Shanghai Interim Measures on Opening Public Data
 * (《上海市公共数据开放暂行办法》): unconditionally open, conditionally open (by agreement), or not
 * open. Only {@link DatasetKind#PUBLIC} datasets carry one.
 */
public enum OpenCategory {
    UNCONDITIONAL,
    CONDITIONAL,
    NOT_OPEN
}
