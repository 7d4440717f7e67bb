/* georepd: sync windows on a schedule. It follows the registry like the
 * verification schedule (service/gr-verify-schedule.h): for each session
 * it restores Schedule, NextRun and LastRun from sync-windows.json
 * (service/dr/gr-window-store.h), begins a sync-window job
 * (gr-dr-window.c) when NextRun comes, and records each run when its job
 * ends. The registry holds it (gr_windows_get). */
#pragma once

#include "gr-job-object.h"
#include "gr-refresh.h"
#include "gr-session-object.h"
#include "gr-context.h"
#include "gr-registry.h"

G_BEGIN_DECLS

typedef struct _GrWindows GrWindows;

#define GR_WINDOW_TIMEOUT_DEFAULT 1800
#define GR_WINDOW_TIMEOUT_MIN 60
#define GR_WINDOW_TIMEOUT_MAX 86400

/* The registry tells where it is (gr_windows_get) until it is freed. */
GrWindows *gr_windows_new (GrContext *context);
void gr_windows_free (GrWindows *self);
GrWindows *gr_windows_get (GrRegistry *registry);

/* Checks @schedule (INVALID_ARGUMENT), stores it and arms the timer;
 * NULL removes it. */
gboolean gr_windows_set_schedule (GrWindows *self,
                                  GrSessionObject *session,
                                  const char *schedule,
                                  guint timeout,
                                  GError **error);

/* Begins a sync window now; @trigger: schedule or call. Busy while a job
 * works on the session. */
GrJobObject *gr_windows_run (GrWindows *self,
                             GrSessionObject *session,
                             const char *trigger,
                             guint timeout,
                             GError **error);

GVariant *gr_windows_get_runs (GrWindows *self, GrSessionObject *session);

/* Records how @job (a sync window, over) ended: GetRuns, LastRun, the
 * journal when it failed; and arms the next run. */
void gr_windows_record_run (GrJobObject *job);

G_END_DECLS
