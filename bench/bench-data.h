/* georepd benchmarks: generated gluster output. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bench_volume_info_xml (guint sessions, guint bricks);
char *bench_status_xml (guint sessions, guint bricks);

G_END_DECLS
