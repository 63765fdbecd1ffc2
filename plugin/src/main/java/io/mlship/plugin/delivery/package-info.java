/**
 * The job page's delivery card and its Promote/Rollback requests, without Jenkins: what is live on each deploy
 * target (from the reports the steps attached to recent builds), which builds may be promoted and why not, and
 * the request a button schedules. The plugin package adapts Jenkins' jobs, builds and permissions to the small
 * interfaces here ({@link io.mlship.plugin.delivery.DeliveryRequests.Access}, {@link io.mlship.plugin.delivery.History},
 * {@link io.mlship.plugin.delivery.DeliveryRequests.Scheduler}). No Jenkins imports.
 */
package io.mlship.plugin.delivery;
