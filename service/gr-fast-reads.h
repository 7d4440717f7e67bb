/* georepd: property reads answered on GDBus's worker thread. */
#pragma once

#include "gr-daemon.h"

G_BEGIN_DECLS

typedef struct _GrFastReads GrFastReads;

/* Answers Properties.Get, Properties.GetAll and GetManagedObjects for the
 * service's objects straight from the connection's worker thread, from a
 * cache of each interface's properties. */
GrFastReads *gr_fast_reads_new (GrDaemon *daemon, GDBusConnection *connection);
void gr_fast_reads_free (GrFastReads *reads);

/* Keeps the cache of @skeleton current: called once for each exported
 * interface, on the main thread. */
void gr_fast_reads_track (GDBusInterfaceSkeleton *skeleton);

G_END_DECLS
