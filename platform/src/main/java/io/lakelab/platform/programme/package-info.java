/**
 * The lab programme of 沪经信推〔2021〕790号: a lead unit applies with its construction plan
 * (建设方案), experts record opinions, an administrator approves (the lab, its workspace, its
 * indicators and members are provisioned) or rejects, the lab runs a pilot period, is evaluated
 * against its plan's task indicators, and continues, is delisted (摘牌) or becomes eligible to
 * upgrade. {@link io.lakelab.platform.programme.ProgrammeState} holds every allowed transition.
 */
package io.lakelab.platform.programme;
