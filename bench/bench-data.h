/* georepd benchmarks: generated gluster output. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bench_volume_info_xml (guint sessions, guint bricks);
/* @round changes what every Active worker reports (data, last synced). */
char *bench_status_xml (guint sessions, guint bricks, guint round);

G_END_DECLS
