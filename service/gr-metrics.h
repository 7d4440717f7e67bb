/* georepd: /metrics in the OpenMetrics text format (docs/api.md
 * "Metrics"), rendered from plain facts so that it can be tested and
 * measured without a bus. */
#pragma once

#include "gr-gluster-types.h"
#include "gr-gluster.h"
#include "gr-refresh.h"

G_BEGIN_DECLS

#define GR_METRICS_CONTENT_TYPE                                                \
  "application/openmetrics-text; version=1.0.0; charset=utf-8"

/* What /metrics tells of one session; borrowed, not owned. */
typedef struct {
  const char *primary_volume;
  const char *secondary_host;
  const char *secondary_volume;
  const char *secondary_user;
  const char *status; /* the Session.Status word */
  GPtrArray *workers; /* GrWorker *; may be NULL */
  gint64 lag;         /* Session.Lag, -1 unknown */
  guint64 checkpoint_time;
  gboolean checkpoint_completed;
  guint64 checkpoint_completion_time;
  /* Running replica sets without an Active worker, with more than one
   * (gr-lag.h GrLagSummary). */
  guint sets_no_active;
  guint sets_two_active;
} GrMetricsSession;

/* georepd's own figures. */
typedef struct {
  GrGlusterStats gluster;
  GrRefreshStats refresh;
} GrMetricsService;

/* The whole exposition, ending with "# EOF\n"; the workers' lags are
 * computed at @now (Unix seconds). */
GString *gr_metrics_render (const GrMetricsSession *sessions,
                            guint n_sessions,
                            const GrMetricsService *service,
                            gint64 now);

/* @value with '\\', '"' and newlines escaped as OpenMetrics label values
 * need, appended to @out. */
void gr_metrics_append_escaped (GString *out, const char *value);

G_END_DECLS
