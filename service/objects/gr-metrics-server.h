/* georepd: serving /metrics (gr-metrics.h) over HTTP when
 * MetricsListenAddress is set, with libsoup's SoupServer behind the same
 * connection limits as the events listener (gr-events-gate.h). */
#pragma once

#include "gr-context.h"

G_BEGIN_DECLS

typedef struct _GrMetricsServer GrMetricsServer;

/* NULL when MetricsListenAddress is not set; a server that could not
 * listen logs why (critical) and serves nothing. @context outlives it. */
GrMetricsServer *gr_metrics_server_new (GrContext *context);
void gr_metrics_server_free (GrMetricsServer *server);

/* The exposition now, as /metrics answers it. */
GString *gr_metrics_server_render (GrContext *context);

/* Listens on @address ("HOST:PORT", HOST an IP address, IPv6 in
 * brackets). */
GSocket *gr_metrics_server_listen (const char *address, GError **error);

G_END_DECLS
