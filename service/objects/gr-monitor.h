/* georepd: watching over the sessions through time: each session's lag
 * trend and checkpoint ETA (LagTrend, CheckpointEta), its history
 * (GetHistory, saved in the state directory) and the journal message
 * when it stays unhealthy (HealthAlertDelay).
 *
 * It follows the registry like the verify schedule does, and looks at
 * a session whenever its status changes and after every full refresh. */
#pragma once

#include "gr-context.h"

G_BEGIN_DECLS

typedef struct _GrMonitor GrMonitor;

/* Restores the histories saved in the state directory; @context (its
 * config, refresher and registry) outlives the monitor. */
GrMonitor *gr_monitor_new (GrContext *context);
/* Saves the histories first, when a sample was taken (or a session
 * removed) since the last save. */
void gr_monitor_free (GrMonitor *monitor);

/* Saves the histories now (also done every few minutes and at free). */
void gr_monitor_save (GrMonitor *monitor);

G_END_DECLS
