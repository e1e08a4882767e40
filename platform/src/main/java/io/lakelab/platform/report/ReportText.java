package io.lakelab.platform.report;

import java.util.Locale;
import java.util.Map;

/** The fixed wording of reports in Chinese and English. */
final class ReportText {

    private static final Map<String, String[]> TEXT = Map.ofEntries(
            Map.entry("monthly.title", new String[] {"%s 建设情况月报（%s）", "%s — monthly construction report (%s)"}),
            Map.entry("pack.title", new String[] {"%s 试运行期评估材料", "%s — pilot evaluation pack"}),
            Map.entry("period", new String[] {"报告期：%s 至 %s（截至 %s）", "Period: %s to %s (as of %s)"}),
            Map.entry("pilot", new String[] {"试运行期：%s 至 %s", "Pilot period: %s to %s"}),
            Map.entry("nopilot", new String[] {
                "本实验室未经申报流程设立，无试运行期。", "This lab was not created through the programme: it has no pilot period."
            }),
            Map.entry("indicators", new String[] {"一、任务指标完成情况", "1. Task indicators"}),
            Map.entry("activity", new String[] {"二、建设活动", "2. Activity"}),
            Map.entry("lineage", new String[] {"三、数据融合（血缘）", "3. Data fusion (lineage)"}),
            Map.entry("security", new String[] {"四、数据安全", "4. Data security"}),
            Map.entry("code", new String[] {"代码", "Code"}),
            Map.entry("name", new String[] {"指标", "Indicator"}),
            Map.entry("value", new String[] {"月末值", "Value at month end"}),
            Map.entry("target", new String[] {"目标", "Target"}),
            Map.entry("met", new String[] {"达标", "Met"}),
            Map.entry("run", new String[] {"来源作业", "Computed by run"}),
            Map.entry("yes", new String[] {"是", "yes"}),
            Map.entry("no", new String[] {"否", "no"}),
            Map.entry("none", new String[] {"无", "none"}),
            Map.entry("na", new String[] {"暂无", "n/a"}),
            Map.entry("trend", new String[] {"%s 趋势", "%s trend"}),
            Map.entry("item", new String[] {"项目", "Item"}),
            Map.entry("count", new String[] {"数量", "Count"}),
            Map.entry("datasetsRegistered", new String[] {"新登记数据集", "Datasets registered"}),
            Map.entry("ingestions", new String[] {"数据入湖次数（行数 / 快照数）", "Ingestions (rows / snapshots)"}),
            Map.entry("jobs", new String[] {"作业运行：成功 / 失败 / 取消", "Jobs run: succeeded / failed / cancelled"}),
            Map.entry("compute", new String[] {"计算时长（秒）", "Compute time (seconds)"}),
            Map.entry("outputs", new String[] {"产出数据表", "Outputs produced"}),
            Map.entry("accessRequests", new String[] {"数据访问申请（已批准）", "Access requests (approved)"}),
            Map.entry("grants", new String[] {"授权：新增 / 撤销 / 月末有效", "Grants: created / revoked / active at month end"}),
            Map.entry("queries", new String[] {"分析查询次数", "Analyst queries"}),
            Map.entry("dataset", new String[] {"数据集", "Dataset"}),
            Map.entry("kind", new String[] {"类别", "Kind"}),
            Map.entry("loads", new String[] {"入湖次数", "Loads"}),
            Map.entry("rows", new String[] {"行数", "Rows"}),
            Map.entry("snapshots", new String[] {"快照数", "Snapshots"}),
            Map.entry("table", new String[] {"数据表", "Table"}),
            Map.entry("snapshot", new String[] {"快照", "Snapshot"}),
            Map.entry("output", new String[] {"产出", "Output"}),
            Map.entry("public", new String[] {"公共数据", "Public data"}),
            Map.entry("social", new String[] {"社会数据", "Social data"}),
            Map.entry("denied", new String[] {"被拒绝的访问：%d 次", "Denied accesses: %d"}),
            Map.entry("at", new String[] {"时间", "At"}),
            Map.entry("actor", new String[] {"用户", "User"}),
            Map.entry("action", new String[] {"操作", "Action"}),
            Map.entry("reason", new String[] {"原因", "Reason"}),
            Map.entry("expiring", new String[] {"即将到期的授权（%d 天内）", "Grants expiring within %d days"}),
            Map.entry("expires", new String[] {"到期时间", "Expires"}),
            Map.entry("incidents", new String[] {"安全事件与应急处置", "Incidents and emergency measures"}),
            Map.entry("plan", new String[] {"一、建设方案与完成情况", "1. Plan against achievement"}),
            Map.entry("deadline", new String[] {"截止日期", "Deadline"}),
            Map.entry("mandatory", new String[] {"必选", "Mandatory"}),
            Map.entry("achieved", new String[] {"完成值", "Achieved"}),
            Map.entry("metByDeadline", new String[] {"按期达标", "Met by deadline"}),
            Map.entry("evidence", new String[] {"依据（作业 / 快照）", "Evidence (run / snapshots)"}),
            Map.entry("reports", new String[] {"二、已报送月报", "2. Monthly reports issued"}),
            Map.entry("month", new String[] {"月份", "Month"}),
            Map.entry("issued", new String[] {"报送时间", "Issued"}),
            Map.entry("packSecurity", new String[] {"三、试运行期数据安全记录", "3. Security record over the pilot"}),
            Map.entry("recommendation", new String[] {"四、评估建议", "4. Recommendation"}),
            Map.entry("CONTINUE", new String[] {"继续运营", "Continue"}),
            Map.entry("DELIST", new String[] {"摘牌", "Delist (摘牌)"}),
            Map.entry("UPGRADE", new String[] {"具备申请升级为大数据联合创新中心的条件", "Eligible to upgrade to a joint innovation centre"
            }));

    private final int index;

    ReportText(String language) {
        this.index = "EN".equals(language) ? 1 : 0;
    }

    String t(String key, Object... args) {
        String[] text = TEXT.get(key);
        String s = text == null ? key : text[index];
        return args.length == 0 ? s : String.format(Locale.ROOT, s, args);
    }

    String yesNo(Boolean value) {
        return value == null ? t("na") : t(value ? "yes" : "no");
    }

    boolean chinese() {
        return index == 0;
    }

    static String number(Double value) {
        if (value == null) {
            return "";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf(value.longValue())
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
