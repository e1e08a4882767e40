package io.lakelab.platform.programme;

/** What can happen to a lab application; {@link ProgrammeState} says when. */
public enum ProgrammeAction {
    REVIEW("record an expert opinion"),
    APPROVE("approve: provision the lab and start its pilot"),
    REJECT("reject with reasons"),
    EVALUATE("evaluate against the plan's task indicators"),
    CONTINUE("let the lab continue"),
    DELIST("delist the lab (摘牌)"),
    UPGRADE("declare the lab eligible to upgrade to a centre");

    private final String description;

    ProgrammeAction(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
