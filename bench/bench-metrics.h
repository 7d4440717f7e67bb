/* georepd benchmarks: /metrics and the history's memory. */
#pragma once

#include "gr-test-private.h"

G_BEGIN_DECLS

/* A private georepd on generated output for @sessions sessions
 * (georepd-bench.c), with @extra_config lines added to its config. */
GrPrivateService *bench_start_scaled (guint sessions, const char *extra_config);

/* The metrics part of bench/run: /metrics of 1000 sessions × 4 workers
 * over HTTP and rendered in-process, and a day of history's memory. */
int bench_run_metrics (void);

G_END_DECLS
