/* georepd benchmarks: timing samples. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double median;
  double p95;
} BenchFigures;

/* Sorts @samples (µs) in place. */
BenchFigures bench_figures (GArray *samples);

/* Times @iterations calls of @func, in µs each. */
BenchFigures
bench_time (void (*func) (gpointer), gpointer data, guint iterations);

/* CPU time the process @pid spent, in ns (/proc/PID/schedstat). */
guint64 bench_cpu_ns (GPid pid);
/* Resident memory of @pid in KiB (/proc/PID/status VmRSS). */
guint64 bench_rss_kib (GPid pid);

G_END_DECLS
