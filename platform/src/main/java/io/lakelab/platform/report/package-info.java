/**
 * Reports the programme office requires, generated from what a lab actually did: the monthly
 * construction report (按月报送: indicators against targets with trend charts, activity, lineage
 * summary, data security) and the evaluation pack at the end of the pilot, in Chinese or English,
 * as HTML and PDF. An issued report is archived — its numbers and documents are stored and never
 * regenerated — so later data changes do not rewrite what was reported.
 */
package io.lakelab.platform.report;
