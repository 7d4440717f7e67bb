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

/* Times @iterations rounds of one call of each of the @n functions, in
 * turn, so that a machine slowing down or speeding up during the run
 * weighs on every figure alike; fills @figures[n]. */
void bench_time_interleaved (void (*const *funcs) (gpointer),
                             gpointer const *data,
                             guint n,
                             guint iterations,
                             BenchFigures *figures);

/* CPU time the process @pid spent, in ns, all its threads
 * (/proc/PID/task/TID/schedstat). */
guint64 bench_cpu_ns (GPid pid);
/* Resident memory of @pid in KiB (/proc/PID/status VmRSS). */
guint64 bench_rss_kib (GPid pid);
/* Its anonymous part (RssAnon): what is not shared library pages. */
guint64 bench_rss_anon_kib (GPid pid);
/* Its peak resident memory so far (VmHWM). */
guint64 bench_rss_peak_kib (GPid pid);

G_END_DECLS
