/* georepd: property reads answered on GDBus's worker thread. */
#pragma once

#include "gr-daemon.h"

G_BEGIN_DECLS

typedef struct _GrFastReads GrFastReads;

/* Answers Properties.Get, Properties.GetAll and GetManagedObjects for the
 * service's objects straight from the connection's worker thread. */
GrFastReads *gr_fast_reads_new (GrDaemon *daemon, GDBusConnection *connection);
void gr_fast_reads_free (GrFastReads *reads);

G_END_DECLS
