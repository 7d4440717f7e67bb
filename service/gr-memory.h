/* georepd: how the heap is kept small. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets malloc up for a long-running service; call first thing in main. */
void gr_memory_configure (void);
/* Gives memory freed by a refresh back to the system, once the main
 * loop is idle. */
void gr_memory_release_soon (void);

G_END_DECLS
