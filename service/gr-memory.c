/* georepd: malloc settings.
 *
 * A refresh of a thousand sessions reads megabytes of gluster output and
 * a GetManagedObjects reply is as large; without care glibc keeps all of
 * that as the service's resident memory afterwards:
 * - its mmap threshold grows to the size of every large block freed, so
 *   the next output buffer comes from the heap, which rarely shrinks: a
 *   fixed threshold keeps large blocks in mmap, returned when freed;
 * - each thread that allocates (GDBus's worker builds the replies) gets
 *   an arena of its own that is never trimmed: two arenas are plenty for
 *   a service whose work is on two threads;
 * - small blocks freed in the middle of the heap stay resident until
 *   malloc_trim() hands their pages back, which is done once a refresh
 *   is over (about a millisecond at a thousand sessions), from an idle
 *   callback: the refresh's callers still free its documents on their
 *   way out. */
#include <malloc.h>

#include "gr-memory.h"

#define MMAP_THRESHOLD (128 * 1024)
#define ARENAS 2

void
gr_memory_configure (void)
{
  mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD);
  mallopt (M_ARENA_MAX, ARENAS);
}

static guint release_id;

static gboolean
release (gpointer data)
{
  release_id = 0;
  malloc_trim (0);
  return G_SOURCE_REMOVE;
}

void
gr_memory_release_soon (void)
{
  if (release_id == 0)
    release_id = g_idle_add_full (G_PRIORITY_LOW, release, NULL, NULL);
}
